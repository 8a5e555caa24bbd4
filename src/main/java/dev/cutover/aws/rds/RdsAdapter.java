package dev.cutover.aws.rds;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * {@link RdsPort} on the AWS SDK's {@link RdsClient}. A new master password goes to RDS in the
 * ModifyDBInstance call only: failures of that call are reported without RDS's own exception, whose
 * message could quote it.
 */
class RdsAdapter implements RdsPort {

    /** Errors with which RDS refuses a modification for good (anything else may pass on a retry). */
    private static final Set<String> REFUSALS = Set.of("InvalidParameterValue", "InvalidParameterCombination",
            "InvalidVPCNetworkStateFault", "InvalidDBSecurityGroupState", "KMSKeyNotAccessibleFault");

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

    @Override
    public DbInstance instance(String instanceId) {
        try {
            return rds.describeDBInstances(request -> request.dbInstanceIdentifier(instanceId))
                    .dbInstances().stream()
                    .findFirst()
                    .map(RdsAdapter::toDbInstance)
                    .orElseThrow(() -> new StepFailedException("RDS does not describe instance '" + instanceId + "'"));
        } catch (DbInstanceNotFoundException e) {
            throw new StepFailedException("RDS instance '" + instanceId + "' not found", e);
        }
    }

    @Override
    public void changeMasterPassword(String instanceId, String newPassword) {
        MasterPassword.check(instanceId, newPassword);
        try {
            rds.modifyDBInstance(request -> request
                    .dbInstanceIdentifier(instanceId)
                    .masterUserPassword(newPassword)
                    .applyImmediately(true));
        } catch (RdsException e) {
            // a new exception without the cause: RDS's message is quoted only with the password taken out
            throw modifyFailure(instanceId, "change its master password", e, newPassword);
        }
    }

    @Override
    public Ensured<DbInstance> ensurePubliclyAccessible(String instanceId, boolean publiclyAccessible) {
        DbInstance current = instance(instanceId);
        if (current.publiclyAccessible() == publiclyAccessible) {
            return Ensured.alreadyDone(current);
        }
        ModifyDbInstanceRequest request = ModifyDbInstanceRequest.builder()
                .dbInstanceIdentifier(instanceId)
                .publiclyAccessible(publiclyAccessible)
                .applyImmediately(true)
                .build();
        try {
            return Ensured.changed(toDbInstance(rds.modifyDBInstance(request).dbInstance()));
        } catch (RdsException e) {
            throw modifyFailure(instanceId, publiclyAccessible ? "make it public" : "make it not public", e, null);
        }
    }

    @Override
    public Ensured<DbInstance> ensureRestoredFromSnapshot(String sourceInstanceId, String snapshotId,
            String newInstanceId) {
        Optional<DBInstance> existing = described(newInstanceId);
        if (existing.isPresent()) {
            return Ensured.alreadyDone(toDbInstance(existing.get()));
        }
        DBInstance source = described(sourceInstanceId).orElseThrow(() -> new StepFailedException("RDS instance '"
                + sourceInstanceId + "' not found: cannot copy its network to the instance restored from snapshot '"
                + snapshotId + "'"));
        String doing = "restore snapshot '" + snapshotId + "' to a new instance '" + newInstanceId + "'";
        try {
            DBInstance restored = rds.restoreDBInstanceFromDBSnapshot(request -> request
                    .dbInstanceIdentifier(newInstanceId)
                    .dbSnapshotIdentifier(snapshotId)
                    .dbInstanceClass(source.dbInstanceClass())
                    .dbSubnetGroupName(source.dbSubnetGroup() == null ? null : source.dbSubnetGroup().dbSubnetGroupName())
                    .vpcSecurityGroupIds(source.vpcSecurityGroups().stream()
                            .map(software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership::vpcSecurityGroupId)
                            .toList())
                    .publiclyAccessible(source.publiclyAccessible())
                    .multiAZ(source.multiAZ())
                    .tags(toTags(Map.of("cutover-restored-from", snapshotId))))
                    .dbInstance();
            return Ensured.changed(toDbInstance(restored));
        } catch (DbInstanceAlreadyExistsException race) {
            // an earlier attempt restored it after our describe
            return Ensured.alreadyDone(instance(newInstanceId));
        } catch (DbSnapshotNotFoundException e) {
            throw new StepFailedException("RDS snapshot '" + snapshotId + "' not found: cannot " + doing, e);
        } catch (RdsException e) {
            throw modifyFailure(sourceInstanceId, doing, e, null);
        }
    }

    private Optional<DBInstance> described(String instanceId) {
        try {
            return rds.describeDBInstances(request -> request.dbInstanceIdentifier(instanceId)).dbInstances().stream()
                    .findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static RuntimeException modifyFailure(String instanceId, String action, RdsException e, String secret) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String said = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        if (secret != null) {
            said = said.replace(secret, "****");
        }
        String message = "RDS instance '" + instanceId + "': cannot " + action + "; RDS said " + code + ": " + said
                + " (status " + e.statusCode() + ", request " + e.requestId() + ")";
        if (e instanceof DbInstanceNotFoundException || code != null && REFUSALS.contains(code)) {
            return secret == null ? new StepFailedException(message, e) : new StepFailedException(message);
        }
        if (e instanceof InvalidDbInstanceStateException) {
            message += "; it takes the change once it is available again";
        }
        return secret == null ? new IllegalStateException(message, e) : new IllegalStateException(message);
    }

    private static DbInstance toDbInstance(DBInstance instance) {
        String status = instance.dbInstanceStatus();
        PendingModifiedValues pending = instance.pendingModifiedValues();
        boolean passwordPending = DbInstance.RESETTING_MASTER_CREDENTIALS.equals(status)
                || pending != null && pending.masterUserPassword() != null;
        return new DbInstance(instance.dbInstanceIdentifier(), status,
                Boolean.TRUE.equals(instance.publiclyAccessible()), passwordPending,
                instance.endpoint() == null ? null : instance.endpoint().address());
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
