package dev.cutover.aws.rds;

import dev.cutover.step.Ensured;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/** {@link RdsPort} on the AWS SDK's {@link RdsClient}. */
class RdsAdapter implements RdsPort {

    private final RdsClient rds;

    RdsAdapter(RdsClient rds) {
        this.rds = rds;
    }

    @Override
    public Ensured<Snapshot> ensureSnapshot(String instanceId, String snapshotId, Map<String, String> tags) {
        Optional<Snapshot> existing = snapshot(snapshotId);
        if (existing.isPresent()) {
            return Ensured.alreadyDone(ofInstance(existing.get(), instanceId));
        }
        try {
            DBSnapshot created = rds.createDBSnapshot(request -> request
                            .dbInstanceIdentifier(instanceId)
                            .dbSnapshotIdentifier(snapshotId)
                            .tags(toTags(tags)))
                    .dbSnapshot();
            return Ensured.changed(toSnapshot(created));
        } catch (DbSnapshotAlreadyExistsException race) {
            // an earlier attempt (or a parallel retry) created it after our describe
            Snapshot raced = snapshot(snapshotId).orElseThrow(() -> new IllegalStateException(
                    "RDS says snapshot '" + snapshotId + "' already exists but does not describe it", race));
            return Ensured.alreadyDone(ofInstance(raced, instanceId));
        } catch (DbInstanceNotFoundException e) {
            throw new IllegalStateException(
                    "RDS instance '" + instanceId + "' not found: cannot take snapshot '" + snapshotId + "'", e);
        }
    }

    @Override
    public Optional<Snapshot> snapshot(String snapshotId) {
        try {
            return rds.describeDBSnapshots(request -> request.dbSnapshotIdentifier(snapshotId))
                    .dbSnapshots().stream()
                    .findFirst()
                    .map(RdsAdapter::toSnapshot);
        } catch (DbSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> readReplicas(String instanceId) {
        try {
            return rds.describeDBInstances(request -> request.dbInstanceIdentifier(instanceId))
                    .dbInstances().stream()
                    .findFirst()
                    .map(instance -> List.copyOf(instance.readReplicaDBInstanceIdentifiers()))
                    .orElse(List.of());
        } catch (DbInstanceNotFoundException e) {
            throw new IllegalStateException("RDS instance '" + instanceId + "' not found: cannot list its read replicas", e);
        }
    }

    private static Snapshot ofInstance(Snapshot snapshot, String instanceId) {
        // RDS stores identifiers in lower case and compares them ignoring case
        if (snapshot.instanceId() != null && !snapshot.instanceId().equalsIgnoreCase(instanceId)) {
            throw new IllegalStateException("RDS snapshot '" + snapshot.id() + "' already exists for instance '"
                    + snapshot.instanceId() + "', not for '" + instanceId + "'");
        }
        return snapshot;
    }

    private static Snapshot toSnapshot(DBSnapshot snapshot) {
        Integer percent = snapshot.percentProgress();
        return new Snapshot(snapshot.dbSnapshotIdentifier(), snapshot.dbInstanceIdentifier(), snapshot.status(),
                percent == null ? 0 : percent);
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        if (tags == null) {
            return List.of();
        }
        return new TreeMap<>(tags).entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }
}
