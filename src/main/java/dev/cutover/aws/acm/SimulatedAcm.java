package dev.cutover.aws.acm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of ACM: the certificate for the new domain and {@code www}, issued before Day 0.
 * A requested certificate is {@code PENDING_VALIDATION}, shows its validation CNAMEs after
 * {@link #RECORDS_APPEAR_AFTER}, and is {@code ISSUED} {@link #ISSUED_AFTER_VALIDATION} after all
 * of them answer in the simulated Route53 zone (timed out after 72 hours without). The fault
 * {@code acm.validation.fails} makes the next requested certificate end {@code FAILED} with
 * {@code CAA_ERROR}; {@code acm.outage} fails the next call as a throttled API would.
 */
@Component
@Profile("rehearsal")
class SimulatedAcm implements AcmPort, WorldPart {

    static final String SYSTEM = "acm";
    static final Duration RECORDS_APPEAR_AFTER = Duration.ofSeconds(1);
    static final Duration ISSUED_AFTER_VALIDATION = Duration.ofSeconds(3);
    static final Duration VALIDATION_TIMES_OUT_AFTER = Duration.ofHours(72);
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);

    // the Route53 twin's world: ACM validates by looking the CNAMEs up in public DNS, not through the Route53 API
    private static final String ROUTE53 = "route53";
    private static final String ACCOUNT = "123456789012";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final MigrationPlan plan;

    SimulatedAcm(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.plan = plan;
    }

    @Override
    public Ensured<Certificate> ensureCertificate(String domain, List<String> alternativeNames, String idempotencyToken) {
        outage();
        String token = AcmAdapter.idempotencyToken(idempotencyToken);
        Set<String> names = names(domain, alternativeNames);
        Instant now = clock.instant();
        if (faults.trip("acm.certificate.missing")) {
            world.change(SYSTEM, State.class, this::initial, state -> state.certificates.values()
                    .removeIf(certificate -> names(certificate.domain, certificate.alternativeNames).equals(names)));
        }
        Optional<Certificate> existing = settled(now).stream()
                .filter(certificate -> names(certificate.domain(), certificate.alternativeNames()).equals(names))
                .filter(certificate -> certificate.issued() || "PENDING_VALIDATION".equals(certificate.status()))
                .min(Comparator.comparing(certificate -> certificate.issued() ? 0 : 1));
        if (existing.isPresent()) {
            return Ensured.alreadyDone(existing.get());
        }
        Optional<CertificateState> sameToken = world.read(SYSTEM, State.class, this::initial).certificates.values()
                .stream()
                .filter(certificate -> token.equals(certificate.token)
                        && now.isBefore(certificate.requestedAt.plus(IDEMPOTENCY_WINDOW)))
                .findFirst();
        if (sameToken.isPresent()) {
            return Ensured.changed(sameToken.get().as(now, faults.pace()));
        }
        boolean fails = faults.trip("acm.validation.fails");
        return world.change(SYSTEM, State.class, this::initial, state -> {
            CertificateState requested = new CertificateState();
            requested.arn = arn(token + ":" + state.certificates.size());
            List<String> all = List.copyOf(names);
            requested.domain = all.get(0);
            requested.alternativeNames = new ArrayList<>(all.subList(1, all.size()));
            requested.token = token;
            requested.requestedAt = now;
            requested.fails = fails;
            state.certificates.put(requested.arn, requested);
            return Ensured.changed(requested.as(now, faults.pace()));
        });
    }

    @Override
    public Certificate certificate(String arn) {
        outage();
        Instant now = clock.instant();
        CertificateState found = world.read(SYSTEM, State.class, this::initial).certificates.get(arn);
        if (found == null) {
            throw new StepFailedException("ACM has no certificate '" + arn + "': Could not find certificate " + arn + ".");
        }
        return settle(found, now);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        Instant now = clock.instant();
        JsonNode dns = publicDns();
        Map<String, Object> certificates = new LinkedHashMap<>();
        world.read(SYSTEM, State.class, this::initial).certificates.values().forEach(stored -> {
            Certificate certificate = stored.observe(dns, now, faults.pace()).as(now, faults.pace());
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("domain", certificate.domain());
            shown.put("alternativeNames", certificate.alternativeNames());
            shown.put("status", certificate.status());
            shown.put("validationRecords", certificate.validationRecords());
            shown.put("failureReason", certificate.failureReason());
            shown.put("requestedAt", stored.requestedAt == null ? null : stored.requestedAt.toString());
            certificates.put(certificate.arn(), shown);
        });
        return Map.of("region", plan.preparation().certificateRegion(), "certificates", certificates);
    }

    private void outage() {
        faults.outage("acm.outage", "Rate exceeded (Service: Acm, Status Code: 400, Error Code: ThrottlingException)");
    }

    private List<Certificate> settled(Instant now) {
        return world.read(SYSTEM, State.class, this::initial).certificates.values().stream()
                .map(certificate -> settle(certificate, now))
                .toList();
    }

    /** The certificate as of now; once final (issued, failed, timed out) it is kept so, whatever DNS does later. */
    private Certificate settle(CertificateState stored, Instant now) {
        if (stored.status != null) {
            return stored.as(now, faults.pace());
        }
        CertificateState observed = stored.observe(publicDns(), now, faults.pace());
        Certificate certificate = observed.as(now, faults.pace());
        boolean newlySeen = observed.validatedAt != null && stored.validatedAt == null;
        boolean nowFinal = !"PENDING_VALIDATION".equals(certificate.status());
        if (newlySeen || nowFinal) {
            world.change(SYSTEM, State.class, this::initial, state -> {
                CertificateState kept = state.certificates.get(stored.arn);
                if (kept != null && kept.status == null) {
                    kept.validatedAt = observed.validatedAt;
                    kept.status = nowFinal ? certificate.status() : null;
                }
                return null;
            });
        }
        return certificate;
    }

    private JsonNode publicDns() {
        return world.read(ROUTE53, JsonNode.class, MissingNode::getInstance);
    }

    private String arn(String seed) {
        return "arn:aws:acm:" + plan.preparation().certificateRegion() + ":" + ACCOUNT + ":certificate/"
                + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    private static Set<String> names(String domain, List<String> alternativeNames) {
        Set<String> names = new LinkedHashSet<>();
        names.add(plain(domain));
        alternativeNames.stream().map(SimulatedAcm::plain).forEach(names::add);
        return names;
    }

    private static String plain(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private State initial() {
        String domain = plain(plan.domains().current().name());
        CertificateState issued = new CertificateState();
        issued.arn = arn("issued before Day 0:" + domain);
        issued.domain = domain;
        issued.alternativeNames = new ArrayList<>(List.of(plain(plan.domains().www())));
        issued.token = "";
        issued.status = "ISSUED";
        State state = new State();
        state.certificates.put(issued.arn, issued);
        return state;
    }

    static class State {
        Map<String, CertificateState> certificates = new LinkedHashMap<>();
    }

    static class CertificateState {
        String arn;
        String domain;
        List<String> alternativeNames = new ArrayList<>();
        String token;
        // null for the certificate issued before the rehearsal began
        Instant requestedAt;
        boolean fails;
        Instant validatedAt;
        // set once final: ISSUED, FAILED or VALIDATION_TIMED_OUT
        String status;

        /** A copy that knows when ACM first saw all its validation CNAMEs answer, if it has. */
        CertificateState observe(JsonNode dns, Instant now, double pace) {
            if (status != null || validatedAt != null
                    || now.isBefore(requestedAt.plus(scaled(RECORDS_APPEAR_AFTER, pace)))) {
                return this;
            }
            boolean allAnswer = names().stream()
                    .map(name -> SimulatedValidationCnames.of(name, "PENDING_VALIDATION"))
                    .allMatch(record -> answers(dns, record));
            if (!allAnswer) {
                return this;
            }
            CertificateState copy = copy();
            copy.validatedAt = now;
            return copy;
        }

        Certificate as(Instant now, double pace) {
            String current = status != null ? status : statusAt(now, pace);
            List<Certificate.ValidationRecord> records = requestedAt != null
                    && now.isBefore(requestedAt.plus(scaled(RECORDS_APPEAR_AFTER, pace)))
                    ? List.of()
                    : names().stream().map(name -> SimulatedValidationCnames.of(name, validationStatus(current))).toList();
            return new Certificate(arn, domain, List.copyOf(alternativeNames), current, records,
                    "FAILED".equals(current) ? "CAA_ERROR" : null);
        }

        private String statusAt(Instant now, double pace) {
            if (validatedAt != null && !now.isBefore(validatedAt.plus(scaled(ISSUED_AFTER_VALIDATION, pace)))) {
                return fails ? "FAILED" : "ISSUED";
            }
            if (!now.isBefore(requestedAt.plus(VALIDATION_TIMES_OUT_AFTER))) {
                return "VALIDATION_TIMED_OUT";
            }
            return "PENDING_VALIDATION";
        }

        private static String validationStatus(String status) {
            return switch (status) {
                case "ISSUED" -> "SUCCESS";
                case "FAILED", "VALIDATION_TIMED_OUT" -> "FAILED";
                default -> "PENDING_VALIDATION";
            };
        }

        private List<String> names() {
            List<String> names = new ArrayList<>();
            names.add(domain);
            names.addAll(alternativeNames);
            return names;
        }

        private CertificateState copy() {
            CertificateState copy = new CertificateState();
            copy.arn = arn;
            copy.domain = domain;
            copy.alternativeNames = new ArrayList<>(alternativeNames);
            copy.token = token;
            copy.requestedAt = requestedAt;
            copy.fails = fails;
            copy.validatedAt = validatedAt;
            copy.status = status;
            return copy;
        }

        private static boolean answers(JsonNode dns, Certificate.ValidationRecord record) {
            for (JsonNode zone : dns.path("zones")) {
                for (JsonNode found : zone.path("records")) {
                    if (plain(found.path("name").asText()).equals(record.name())
                            && "CNAME".equals(found.path("type").asText())
                            && found.path("values").size() == 1
                            && plain(found.path("values").get(0).asText()).equals(record.value())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static Duration scaled(Duration usual, double pace) {
        return pace == 1 ? usual : Duration.ofNanos(Math.round(usual.toNanos() * pace));
    }
}
