package dev.cutover.delegate;

import dev.cutover.aws.route53.Route53Port;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Set Route53 to redirect back to the old domain: the redirect bucket (named like the new apex,
 * the one "setup alias to the redirect bucket" made) now sends every request to the OLD url, and
 * the apex stays an alias to its website, so the new domain leads visitors back to Heroku.
 */
@Component("setRoute53ToRedirectBackToOldDomain")
class SetRoute53ToRedirectBackToOldDomain extends Step {

    private final S3Port s3;
    private final Route53Port route53;
    private final MigrationPlan plan;

    SetRoute53ToRedirectBackToOldDomain(Ledger ledger, S3Port s3, Route53Port route53, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.route53 = route53;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String apex = plan.domains().current().name();
        String oldName = plan.domains().old().name();
        Ensured<String> bucket = s3.ensureRedirectBucket(apex, oldName, "https");
        Ensured<Optional<String>> alias = route53.ensureAliasToS3Website(plan.domains().current().hostedZoneId(),
                apex, plan.aws().region());
        Ensured<String> both = bucket.changed() || alias.changed() ? Ensured.changed(bucket.value())
                : Ensured.alreadyDone(bucket.value());
        recordUndo(step, both, "bucket " + apex + " redirects to https://" + oldName
                        + (bucket.changed() ? " (set now)" : " (already)") + "; " + apex + " is an alias to "
                        + bucket.value() + (alias.changed() ? " (set now)" : " (already)"),
                Map.of("bucket", apex, "redirectsTo", "https://" + oldName));
    }
}
