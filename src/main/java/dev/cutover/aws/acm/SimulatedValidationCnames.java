package dev.cutover.aws.acm;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Rehearsal: the DNS validation record ACM gives a domain. Like ACM's within one account, it is
 * the same for every certificate naming that domain, so the Route53 zone the runbook finds
 * already holds those of the certificate issued before Day 0.
 */
public final class SimulatedValidationCnames {

    private SimulatedValidationCnames() {
    }

    public static Certificate.ValidationRecord of(String domain, String validationStatus) {
        String name = domain.toLowerCase(Locale.ROOT);
        // a wildcard is validated by the record of the name under it, as ACM does
        String validated = name.startsWith("*.") ? name.substring(2) : name;
        return new Certificate.ValidationRecord(name,
                "_" + hex("name:" + validated) + "." + validated,
                "CNAME",
                "_" + hex("value:" + validated) + "." + hex("zone:" + validated).substring(0, 10) + ".acm-validations.aws",
                validationStatus);
    }

    private static String hex(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
