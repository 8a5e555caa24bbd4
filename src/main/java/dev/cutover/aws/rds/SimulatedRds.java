package dev.cutover.aws.rds;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.Fingerprint;
import dev.cutover.rehearsal.RehearsalSettings;
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
 * Rehearsal twin of the production database. A snapshot is {@code creating} for
 * {@code cutover.rehearsal.snapshot-takes}, its progress rising, then {@code available}; the fault
 * {@code rds.snapshot.fails} makes the next one end {@code failed}, {@code rds.outage} fails the
 * next call as a throttled API would, {@code rds.read-replicas} gives the instance a read replica.
 * A new master password is never kept, only counted ({@code passwordVersion}) and fingerprinted
 * (SHA-256, never shown; none at first: the password the app was deployed with), so the hosting
 * can tell whether the app still logs in: the instance is {@code resetting-master-credentials} for
 * a few seconds, or 90 s after the fault {@code rds.password.slow}. Making it (not) public is
 * {@code modifying} for two seconds. A busy instance refuses another change, as RDS does. Its
 * security group's Postgres rule is open to 0.0.0.0/0 until the rehearsal's AWX closes it.
 */
@Component
@Profile("rehearsal")
public class SimulatedRds implements RdsPort, WorldPart {

    static final String SYSTEM = "rds";
    static final Duration PASSWORD_RESET_TAKES = Duration.ofSeconds(3);
    static final Duration SLOW_PASSWORD_RESET_TAKES = Duration.ofSeconds(90);
    static final Duration PUBLIC_ACCESS_CHANGE_TAKES = Duration.ofSeconds(2);
    static final Duration RESTORE_TAKES = Duration.ofSeconds(8);
    static final String PORT_OPEN = "open to 0.0.0.0/0";
    static final String PORT_CLOSED = "closed (only the Lambda security group)";
    private static final String THROTTLED = "Rate exceeded (Service: Rds, Status Code: 400, Error Code: Throttling)";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final Duration snapshotTakes;
    private final String prodInstance;
    private final String region;

    SimulatedRds(WorldStore world, Faults faults, Clock clock, RehearsalSettings settings, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.snapshotTakes = settings.snapshotTakes();
        this.prodInstance = plan.rds().instanceId();
        this.region = plan.aws().region();
    }

    @Override
    public Ensured<Snapshot> ensureSnapshot(String instanceId, String snapshotId, Map<String, String> tags) {
        faults.outage("rds.outage", THROTTLED);
        boolean fails = faults.trip("rds.snapshot.fails");
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            if (!state.instances.containsKey(instanceId)) {
                throw new IllegalStateException("DBInstanceNotFound: DBInstance " + instanceId + " not found.");
            }
            SnapshotState existing = state.snapshots.get(snapshotId);
            if (existing != null) {
                return Ensured.alreadyDone(existing.as(now, snapshotTakes));
            }
            SnapshotState created = new SnapshotState(snapshotId, instanceId, now, fails, tags);
            InstanceState source = state.instances.get(instanceId);
            created.passwordVersion = source.passwordVersion;
            created.passwordFingerprint = source.passwordFingerprint;
            state.snapshots.put(snapshotId, created);
            return Ensured.changed(created.as(now, snapshotTakes));
        });
    }

    @Override
    public Optional<Snapshot> snapshot(String snapshotId) {
        faults.outage("rds.outage", THROTTLED);
        State state = world.read(SYSTEM, State.class, this::initial);
        return Optional.ofNullable(state.snapshots.get(snapshotId)).map(s -> s.as(clock.instant(), snapshotTakes));
    }

    @Override
    public List<String> readReplicas(String instanceId) {
        faults.outage("rds.outage", THROTTLED);
        InstanceState instance = world.read(SYSTEM, State.class, this::initial).instances.get(instanceId);
        if (instance == null) {
            throw new IllegalStateException("DBInstanceNotFound: DBInstance " + instanceId + " not found.");
        }
        if (faults.trip("rds.read-replicas")) {
            world.change(SYSTEM, State.class, this::initial,
                    state -> state.instances.get(instanceId).readReplicas.add(instanceId + "-replica-1"));
            return List.of(instanceId + "-replica-1");
        }
        return List.copyOf(instance.readReplicas);
    }

    @Override
    public DbInstance instance(String instanceId) {
        faults.outage("rds.outage", THROTTLED);
        State state = world.read(SYSTEM, State.class, this::initial);
        return existing(state, instanceId).as(instanceId, clock.instant(), region);
    }

    @Override
    public void changeMasterPassword(String instanceId, String newPassword) {
        MasterPassword.check(instanceId, newPassword);
        faults.outage("rds.outage", THROTTLED);
        Duration takes = faults.trip("rds.password.slow")
                ? SLOW_PASSWORD_RESET_TAKES : faults.paced(PASSWORD_RESET_TAKES);
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, this::initial, state -> {
            InstanceState instance = existing(state, instanceId);
            refuseWhileBusy(instance, instanceId, now);
            instance.passwordVersion++;
            instance.passwordFingerprint = Fingerprint.of(newPassword);
            instance.passwordChangedAt = now;
            instance.resettingCredentialsUntil = now.plus(takes);
            return null;
        });
    }

    @Override
    public Ensured<DbInstance> ensurePubliclyAccessible(String instanceId, boolean publiclyAccessible) {
        faults.outage("rds.outage", THROTTLED);
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            InstanceState instance = existing(state, instanceId);
            if (instance.publiclyAccessible == publiclyAccessible) {
                return Ensured.alreadyDone(instance.as(instanceId, now, region));
            }
            refuseWhileBusy(instance, instanceId, now);
            instance.publiclyAccessible = publiclyAccessible;
            instance.modifyingUntil = now.plus(faults.paced(PUBLIC_ACCESS_CHANGE_TAKES));
            return Ensured.changed(instance.as(instanceId, now, region));
        });
    }

    @Override
    public Ensured<DbInstance> ensureRestoredFromSnapshot(String sourceInstanceId, String snapshotId,
            String newInstanceId) {
        faults.outage("rds.outage", THROTTLED);
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            InstanceState existing = state.instances.get(newInstanceId);
            if (existing != null) {
                return Ensured.alreadyDone(existing.as(newInstanceId, now, region));
            }
            InstanceState source = state.instances.get(sourceInstanceId);
            if (source == null) {
                throw new StepFailedException("RDS instance '" + sourceInstanceId + "' not found: cannot copy its"
                        + " network to the instance restored from snapshot '" + snapshotId + "'");
            }
            SnapshotState snapshot = state.snapshots.get(snapshotId);
            if (snapshot == null || !snapshot.as(now, snapshotTakes).available()) {
                throw new StepFailedException("RDS snapshot '" + snapshotId + "' not found"
                        + (snapshot == null ? "" : " available") + ": cannot restore snapshot '" + snapshotId
                        + "' to a new instance '" + newInstanceId + "' (DBSnapshotNotFound)");
            }
            InstanceState restored = new InstanceState();
            restored.status = DbInstance.AVAILABLE;
            restored.creatingUntil = now.plus(faults.paced(RESTORE_TAKES));
            restored.publiclyAccessible = source.publiclyAccessible;
            // the data, and the master password, as they were when the snapshot was taken
            restored.passwordVersion = snapshot.passwordVersion == null ? 1 : snapshot.passwordVersion;
            restored.passwordFingerprint = snapshot.passwordFingerprint;
            restored.restoredFrom = snapshotId;
            // the same VPC security groups: the Postgres rule is the source's
            restored.securityGroupsOf = sourceInstanceId;
            state.instances.put(newInstanceId, restored);
            return Ensured.changed(restored.as(newInstanceId, now, region));
        });
    }

    /**
     * The rehearsal's AWX launched "close postgres ports", which will succeed at {@code succeedsAt}:
     * from then on only the Lambda security group reaches 5432. True when the port is open just
     * before, so the playbook changes it.
     */
    public boolean closePostgresPortsAt(Instant succeedsAt) {
        return postgresPortChangesAt(succeedsAt, false);
    }

    /**
     * The rehearsal's AWX launched "create storage" (the runbook's rollback: "Open Postgres ports by
     * running create_storage again"), which will succeed at {@code succeedsAt}: the port is open to
     * 0.0.0.0/0 again from then on. True when the port is closed just before.
     */
    public boolean openPostgresPortsAt(Instant succeedsAt) {
        return postgresPortChangesAt(succeedsAt, true);
    }

    private boolean postgresPortChangesAt(Instant at, boolean open) {
        return world.change(SYSTEM, State.class, this::initial, state -> {
            InstanceState instance = existing(state, prodInstance);
            boolean changes = instance.postgresPortOpenAt(at) != open;
            instance.postgresPortChanges.add(new PortChange(at, open));
            return changes;
        });
    }

    /** The instance whose security group holds this one's Postgres rule (a restored instance shares its source's). */
    private static InstanceState portRule(State state, InstanceState instance) {
        InstanceState owner = instance.securityGroupsOf == null ? null : state.instances.get(instance.securityGroupsOf);
        return owner == null ? instance : owner;
    }

    private static InstanceState existing(State state, String instanceId) {
        InstanceState instance = state.instances.get(instanceId);
        if (instance == null) {
            throw new StepFailedException("RDS instance '" + instanceId + "' not found");
        }
        return instance;
    }

    private static void refuseWhileBusy(InstanceState instance, String instanceId, Instant now) {
        String status = instance.statusAt(now);
        if (!DbInstance.AVAILABLE.equals(status)) {
            throw new IllegalStateException("RDS instance '" + instanceId + "' is " + status
                    + ": InvalidDBInstanceState: Database instance is not in available state.");
        }
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Instant now = clock.instant();
        Map<String, Object> snapshots = new LinkedHashMap<>();
        state.snapshots.forEach((id, s) -> snapshots.put(id, Map.of(
                "instance", s.instanceId,
                "status", s.as(now, snapshotTakes).status(),
                "percentProgress", s.as(now, snapshotTakes).percentProgress(),
                "requestedAt", s.requestedAt.toString(),
                "tags", s.tags)));
        Map<String, Object> instances = new LinkedHashMap<>();
        state.instances.forEach((id, instance) -> {
            DbInstance seen = instance.as(id, now, region);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("status", seen.status());
            shown.put("publiclyAccessible", seen.publiclyAccessible());
            shown.put("passwordVersion", instance.passwordVersion);
            shown.put("passwordChangePending", seen.passwordChangePending());
            shown.put("postgresPort", portRule(state, instance).postgresPortOpenAt(now) ? PORT_OPEN : PORT_CLOSED);
            if (instance.restoredFrom != null) {
                shown.put("restoredFrom", instance.restoredFrom);
            }
            shown.put("endpointAddress", seen.endpointAddress());
            shown.put("readReplicas", instance.readReplicas);
            instances.put(id, shown);
        });
        return Map.of("instances", instances, "snapshots", snapshots);
    }

    private State initial() {
        State state = new State();
        InstanceState prod = new InstanceState();
        prod.status = "available";
        prod.publiclyAccessible = true;
        prod.passwordVersion = 1;
        state.instances.put(prodInstance, prod);
        return state;
    }

    static class State {
        Map<String, InstanceState> instances = new LinkedHashMap<>();
        Map<String, SnapshotState> snapshots = new LinkedHashMap<>();
    }

    static class InstanceState {
        String status;
        boolean publiclyAccessible;
        int passwordVersion;
        // null: the password the app was deployed with
        @JsonInclude(JsonInclude.Include.NON_NULL) String passwordFingerprint;
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant passwordChangedAt;
        List<String> readReplicas = new ArrayList<>();
        // the security group's 5432 rule: open to 0.0.0.0/0 until the first change
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortChange> postgresPortChanges = new ArrayList<>();
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant resettingCredentialsUntil;
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant modifyingUntil;
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant creatingUntil;
        @JsonInclude(JsonInclude.Include.NON_NULL) String restoredFrom;
        @JsonInclude(JsonInclude.Include.NON_NULL) String securityGroupsOf;

        /** As the last change due by then left it; of two due at once, the one recorded later. */
        boolean postgresPortOpenAt(Instant now) {
            PortChange last = null;
            for (PortChange change : postgresPortChanges) {
                if (!change.at.isAfter(now) && (last == null || !change.at.isBefore(last.at))) {
                    last = change;
                }
            }
            return last == null || last.open;
        }

        String statusAt(Instant now) {
            if (creatingUntil != null && now.isBefore(creatingUntil)) {
                return "creating";
            }
            if (resettingCredentialsUntil != null && now.isBefore(resettingCredentialsUntil)) {
                return DbInstance.RESETTING_MASTER_CREDENTIALS;
            }
            if (modifyingUntil != null && now.isBefore(modifyingUntil)) {
                return DbInstance.MODIFYING;
            }
            return status;
        }

        DbInstance as(String id, Instant now, String region) {
            boolean resetting = resettingCredentialsUntil != null && now.isBefore(resettingCredentialsUntil);
            return new DbInstance(id, statusAt(now), publiclyAccessible, resetting,
                    id.toLowerCase(Locale.ROOT) + ".c9akciq32lpx." + region + ".rds.amazonaws.com");
        }
    }

    static class PortChange {
        Instant at;
        boolean open;

        PortChange() {
        }

        PortChange(Instant at, boolean open) {
            this.at = at;
            this.open = open;
        }
    }

    static class SnapshotState {
        String id;
        String instanceId;
        Instant requestedAt;
        boolean fails;
        Map<String, String> tags = new LinkedHashMap<>();
        // the master password when it was taken: a restore brings it back
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer passwordVersion;
        @JsonInclude(JsonInclude.Include.NON_NULL) String passwordFingerprint;

        SnapshotState() {
        }

        SnapshotState(String id, String instanceId, Instant requestedAt, boolean fails, Map<String, String> tags) {
            this.id = id;
            this.instanceId = instanceId;
            this.requestedAt = requestedAt;
            this.fails = fails;
            this.tags = new LinkedHashMap<>(tags);
        }

        Snapshot as(Instant now, Duration takes) {
            Duration elapsed = Duration.between(requestedAt, now);
            if (elapsed.compareTo(takes) >= 0) {
                return new Snapshot(id, instanceId, fails ? "failed" : "available", fails ? 0 : 100);
            }
            int percent = takes.isZero() ? 0 : (int) (100 * elapsed.toMillis() / takes.toMillis());
            return new Snapshot(id, instanceId, "creating", Math.max(0, Math.min(99, percent)));
        }
    }
}
