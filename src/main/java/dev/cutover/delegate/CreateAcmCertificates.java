package dev.cutover.delegate;

import dev.cutover.aws.acm.AcmPort;
import dev.cutover.aws.acm.Certificate;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Create ACM certificates for prod: the new domain and www, validated by DNS. */
@Component("createAcmCertificates")
class CreateAcmCertificates extends Step {

    private final AcmPort acm;
    private final MigrationPlan plan;

    CreateAcmCertificates(Ledger ledger, AcmPort acm, MigrationPlan plan) {
        super(ledger);
        this.acm = acm;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String domain = plan.domains().current().name();
        String token = ("cutover" + step.run()).replaceAll("[^A-Za-z0-9]", "");
        Ensured<Certificate> certificate = acm.ensureCertificate(domain, List.of(plan.domains().www()),
                token.substring(0, Math.min(32, token.length())));
        CertificateProgress.show(step, certificate.value());
        record(step, certificate, (certificate.changed() ? "requested " : "found ") + certificate.value().arn()
                        + " for " + domain + ", " + plan.domains().www() + " (" + certificate.value().status() + ")",
                Map.of("certificateArn", certificate.value().arn()));
    }
}
