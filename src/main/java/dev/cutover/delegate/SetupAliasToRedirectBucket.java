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
 * Setup alias from the new domain to the redirect bucket: a bucket named like the apex redirects
 * every request to https://www.…, and the apex is an alias A record to its website endpoint.
 */
@Component("setupAliasToRedirectBucket")
class SetupAliasToRedirectBucket extends Step {

    private final S3Port s3;
    private final Route53Port route53;
    private final MigrationPlan plan;

    SetupAliasToRedirectBucket(Ledger ledger, S3Port s3, Route53Port route53, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.route53 = route53;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String apex = plan.domains().current().name();
        Ensured<String> bucket = s3.ensureRedirectBucket(apex, plan.domains().www(), "https");
        Ensured<Optional<String>> alias = route53.ensureAliasToS3Website(plan.domains().current().hostedZoneId(),
                apex, plan.aws().region());
        Ensured<String> both = bucket.changed() || alias.changed() ? Ensured.changed(bucket.value())
                : Ensured.alreadyDone(bucket.value());
        record(step, both, "bucket " + apex + " redirects to https://" + plan.domains().www()
                        + (bucket.changed() ? " (set now)" : " (already)") + "; " + apex + " is an alias to "
                        + bucket.value() + (alias.changed() ? " (set now)" : " (already)"),
                Map.of("bucket", apex, "route53Change", alias.value().orElse("")));
    }
}
