package dev.cutover.delegate;

import dev.cutover.aws.acm.Certificate;
import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;

final class CertificateProgress {

    static void show(StepContext step, Certificate certificate) {
        step.set(Vars.CERTIFICATE_ARN, certificate.arn());
        step.set(Vars.CERTIFICATE_STATUS, certificate.status());
        step.set(Vars.CERTIFICATE_ISSUED, certificate.issued());
    }

    private CertificateProgress() {
    }
}
