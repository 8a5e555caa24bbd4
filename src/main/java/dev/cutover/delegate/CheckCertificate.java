package dev.cutover.delegate;

import dev.cutover.aws.acm.AcmPort;
import dev.cutover.aws.acm.Certificate;
import dev.cutover.aws.route53.DnsRecord;
import dev.cutover.aws.route53.Route53Port;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes ACM's validation CNAMEs to Route53 as soon as ACM shows them (they stay: renewal needs
 * them), and reads the certificate's status. A certificate that can no longer be issued is an
 * incident carrying ACM's reason.
 */
@Component("checkCertificate")
class CheckCertificate extends Step {

    private static final long VALIDATION_TTL = 300;

    private final AcmPort acm;
    private final Route53Port route53;
    private final MigrationPlan plan;

    CheckCertificate(Ledger ledger, AcmPort acm, Route53Port route53, MigrationPlan plan) {
        super(ledger);
        this.acm = acm;
        this.route53 = route53;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        Certificate certificate = acm.certificate(step.get(Vars.CERTIFICATE_ARN));
        if (certificate.failed()) {
            throw new StepFailedException("ACM certificate " + certificate.arn() + " for " + certificate.domain()
                    + " is " + certificate.status() + (certificate.failureReason() == null ? ""
                    : " (" + certificate.failureReason() + ")") + ". Fix the cause (CAA records, the validation"
                    + " CNAMEs in Route53), then retry this step; a new request needs a new run of Before Day 0.",
                    Map.of("certificateArn", certificate.arn()));
        }
        List<DnsRecord> validation = certificate.validationRecords().stream()
                .map(record -> new DnsRecord(record.name(), record.type(), record.value(), VALIDATION_TTL))
                .distinct()
                .toList();
        if (!validation.isEmpty()) {
            Ensured<Optional<String>> written = route53.ensureRecords(plan.domains().current().hostedZoneId(),
                    validation);
            if (written.changed()) {
                record(step, written, "wrote " + validation.size() + " validation record(s) for "
                        + certificate.arn() + " to Route53", Map.of("certificateArn", certificate.arn(),
                        "validationRecords", String.join(",", validation.stream().map(DnsRecord::name).toList())));
            }
        }
        CertificateProgress.show(step, certificate);
    }
}
