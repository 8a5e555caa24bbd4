package dev.cutover.aws.route53;

import static dev.cutover.aws.route53.RecordNames.changeId;
import static dev.cutover.aws.route53.RecordNames.plain;
import static dev.cutover.aws.route53.RecordNames.type;
import static dev.cutover.aws.route53.RecordNames.value;
import static dev.cutover.aws.route53.RecordNames.zoneId;

import dev.cutover.aws.acm.SimulatedValidationCnames;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of Route53: the new domain's hosted zone as the runbook finds it (NS and SOA, the
 * apex already an alias to the redirect bucket's website endpoint, the validation CNAMEs of the
 * issued certificate, {@code www} not yet pointing anywhere). A change is {@code PENDING} for
 * {@link #CHANGE_PROPAGATES}, then {@code INSYNC}. {@code route53.outage} fails the next call as a
 * throttled API would.
 */
@Component
@Profile("rehearsal")
class SimulatedRoute53 implements Route53Port, WorldPart {

    static final String SYSTEM = "route53";
    static final Duration CHANGE_PROPAGATES = Duration.ofSeconds(2);

    private static final List<String> NAME_SERVERS = List.of(
            "ns-1536.awsdns-00.co.uk", "ns-0.awsdns-00.com", "ns-1024.awsdns-00.org", "ns-512.awsdns-00.net");

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final MigrationPlan plan;

    SimulatedRoute53(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.plan = plan;
    }

    @Override
    public Ensured<Optional<String>> ensureRecords(String hostedZoneId, List<DnsRecord> records) {
        outage();
        List<DnsRecord> wanted = RecordNames.oneEach(records);
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            ZoneState zone = zone(state, hostedZoneId);
            List<RecordState> upserts = new ArrayList<>();
            for (DnsRecord record : wanted) {
                inZone(zone, record.name());
                RecordState current = zone.records.get(key(record.name(), record.type()));
                if (current == null || !current.sameAs(record)) {
                    upserts.add(RecordState.of(record.name(), record.type(), record.ttl(), List.of(record.value())));
                }
            }
            if (upserts.isEmpty()) {
                return Ensured.alreadyDone(Optional.<String>empty());
            }
            upserts.forEach(upsert -> zone.records.put(key(upsert.name, upsert.type), upsert));
            return Ensured.changed(Optional.of(state.newChange(now, "Cutover: ensure records")));
        });
    }

    @Override
    public Ensured<Optional<String>> ensureAliasToS3Website(String hostedZoneId, String name, String bucketRegion) {
        outage();
        AliasState wanted = new AliasState(S3WebsiteEndpoints.hostedZoneId(bucketRegion),
                S3WebsiteEndpoints.dnsName(bucketRegion));
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            ZoneState zone = zone(state, hostedZoneId);
            inZone(zone, name);
            RecordState current = zone.records.get(key(name, "A"));
            if (current != null && wanted.equals(current.alias)) {
                return Ensured.alreadyDone(Optional.<String>empty());
            }
            zone.records.put(key(name, "A"), RecordState.alias(plain(name), wanted));
            return Ensured.changed(Optional.of(state.newChange(now,
                    "Cutover: alias " + plain(name) + " to the S3 website endpoint in " + bucketRegion)));
        });
    }

    @Override
    public String changeStatus(String changeId) {
        outage();
        String id = changeId(changeId);
        ChangeState change = world.read(SYSTEM, State.class, this::initial).changes.get(id);
        if (change == null) {
            throw new IllegalStateException("Route53 has no change '" + id + "': NoSuchChange");
        }
        return change.status(clock.instant(), faults.paced(CHANGE_PROPAGATES));
    }

    @Override
    public Optional<DnsRecord> record(String hostedZoneId, String name, String type) {
        outage();
        ZoneState zone = zone(world.read(SYSTEM, State.class, this::initial), hostedZoneId);
        return Optional.ofNullable(zone.records.get(key(name, type))).map(RecordState::toRecord);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Instant now = clock.instant();
        Map<String, Object> zones = new LinkedHashMap<>();
        state.zones.forEach((id, zone) -> zones.put(zone.name, Map.of(
                "hostedZoneId", id,
                "records", zone.records.values().stream().map(RecordState::toRecord).toList())));
        Map<String, Object> changes = new LinkedHashMap<>();
        state.changes.forEach((id, change) -> changes.put(id, Map.of(
                "status", change.status(now, faults.paced(CHANGE_PROPAGATES)),
                "submittedAt", change.submittedAt.toString(),
                "comment", change.comment)));
        return Map.of("zones", zones, "changes", changes);
    }

    private void outage() {
        faults.outage("route53.outage", "Rate exceeded (Service: Route53, Status Code: 400, Error Code: Throttling)");
    }

    private static ZoneState zone(State state, String hostedZoneId) {
        String id = zoneId(hostedZoneId);
        ZoneState zone = state.zones.get(id);
        if (zone == null) {
            throw new StepFailedException("Route53 has no hosted zone '" + id + "': No hosted zone found with ID: " + id);
        }
        return zone;
    }

    private static void inZone(ZoneState zone, String name) {
        String plain = plain(name);
        if (!plain.equals(zone.name) && !plain.endsWith("." + zone.name)) {
            throw new StepFailedException("Route53 refused the change to hosted zone '" + zone.name + "': RRSet with DNS name "
                    + plain + ". is not permitted in zone " + zone.name + ".");
        }
    }

    private static String key(String name, String type) {
        return plain(name) + " " + type(type);
    }

    private State initial() {
        MigrationPlan.Domain domain = plan.domains().current();
        String apex = plain(domain.name());
        ZoneState zone = new ZoneState();
        zone.name = apex;
        zone.put(RecordState.of(apex, "NS", 172800, NAME_SERVERS));
        zone.put(RecordState.of(apex, "SOA", 900, List.of(NAME_SERVERS.get(0)
                + ". awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        String region = plan.aws().region();
        zone.put(RecordState.alias(apex, new AliasState(S3WebsiteEndpoints.hostedZoneId(region),
                S3WebsiteEndpoints.dnsName(region))));
        for (String name : List.of(apex, plain(plan.domains().www()))) {
            var validation = SimulatedValidationCnames.of(name, "SUCCESS");
            zone.put(RecordState.of(validation.name(), "CNAME", 300, List.of(validation.value())));
        }
        State state = new State();
        state.zones.put(zoneId(domain.hostedZoneId()), zone);
        return state;
    }

    static class State {
        Map<String, ZoneState> zones = new LinkedHashMap<>();
        Map<String, ChangeState> changes = new LinkedHashMap<>();
        long nextChange = 1;

        String newChange(Instant submittedAt, String comment) {
            String id = "C" + String.format(Locale.ROOT, "%13s", Long.toString(nextChange++, 36))
                    .replace(' ', '0').toUpperCase(Locale.ROOT);
            ChangeState change = new ChangeState();
            change.submittedAt = submittedAt;
            change.comment = comment;
            changes.put(id, change);
            return id;
        }
    }

    static class ZoneState {
        String name;
        // keyed "name TYPE"; read as public DNS by the ACM twin
        Map<String, RecordState> records = new LinkedHashMap<>();

        void put(RecordState record) {
            records.put(key(record.name, record.type), record);
        }
    }

    static class RecordState {
        String name;
        String type;
        long ttl;
        List<String> values = new ArrayList<>();
        AliasState alias;

        static RecordState of(String name, String type, long ttl, List<String> values) {
            RecordState state = new RecordState();
            state.name = plain(name);
            state.type = type(type);
            state.ttl = ttl;
            state.values = new ArrayList<>(values);
            return state;
        }

        static RecordState alias(String name, AliasState alias) {
            RecordState state = new RecordState();
            state.name = name;
            state.type = "A";
            state.alias = alias;
            return state;
        }

        boolean sameAs(DnsRecord record) {
            return alias == null && ttl == record.ttl() && values.size() == 1
                    && RecordNames.sameValue(type, values.get(0), record.value());
        }

        DnsRecord toRecord() {
            if (alias != null) {
                return new DnsRecord(name, type, alias.dnsName, 0);
            }
            return new DnsRecord(name, type, String.join("\n", values.stream().map(v -> value(type, v)).toList()), ttl);
        }
    }

    static class AliasState {
        String hostedZoneId;
        String dnsName;
        boolean evaluateTargetHealth;

        AliasState() {
        }

        AliasState(String hostedZoneId, String dnsName) {
            this.hostedZoneId = hostedZoneId;
            this.dnsName = dnsName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AliasState that && hostedZoneId.equals(that.hostedZoneId)
                    && dnsName.equals(that.dnsName) && evaluateTargetHealth == that.evaluateTargetHealth;
        }

        @Override
        public int hashCode() {
            return dnsName.hashCode();
        }
    }

    static class ChangeState {
        Instant submittedAt;
        String comment;

        String status(Instant now, Duration propagates) {
            return now.isBefore(submittedAt.plus(propagates)) ? "PENDING" : "INSYNC";
        }
    }
}
