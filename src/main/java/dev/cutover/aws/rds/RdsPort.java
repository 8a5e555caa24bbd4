package dev.cutover.aws.rds;

import dev.cutover.step.Ensured;
import java.util.Map;
import java.util.Optional;

/** The production database, in the runbook's words. */
public interface RdsPort {

    /**
     * Run snapshot on prod: makes sure a manual snapshot with this id exists for the instance.
     * Finds an existing one (any status) instead of making a second; does not wait.
     *
     * @throws IllegalStateException when the instance does not exist, or the snapshot id is
     *     already taken by a snapshot of another instance
     */
    Ensured<Snapshot> ensureSnapshot(String instanceId, String snapshotId, Map<String, String> tags);

    /** The snapshot as it is now, or empty when there is none with that id. */
    Optional<Snapshot> snapshot(String snapshotId);

    /** Research: replicas vs PG subnets — the instance's read replicas (identifiers), none when empty. */
    java.util.List<String> readReplicas(String instanceId);

    /**
     * The instance as RDS reports it now: status, public or not, whether a password change is pending.
     *
     * @throws dev.cutover.step.StepFailedException when there is no such instance
     */
    DbInstance instance(String instanceId);

    /**
     * Change database user password: sets the master password (apply immediately). Returns at once;
     * follow with {@link #instance}. Right after the call RDS may still report {@code available}
     * with nothing pending: the change is done once it has been seen under way
     * ({@code resetting-master-credentials} or {@link DbInstance#passwordChangePending()}) and the
     * instance is {@code available} again with nothing pending.
     *
     * @param newPassword held in memory for the call only; never logged nor quoted in an exception
     * @throws IllegalArgumentException for a password RDS would refuse (8–128 printable ASCII
     *     characters, no / " @ or space)
     * @throws dev.cutover.step.StepFailedException when there is no such instance or RDS refuses the change
     */
    void changeMasterPassword(String instanceId, String newPassword);

    /**
     * Make database (not) public: PubliclyAccessible as asked; already so → already done. RDS applies
     * it at once (status {@code modifying}, then {@code available}).
     *
     * @throws dev.cutover.step.StepFailedException when there is no such instance or RDS refuses the change
     */
    Ensured<DbInstance> ensurePubliclyAccessible(String instanceId, boolean publiclyAccessible);

    /**
     * Roll back the database to the known clean state: a NEW instance {@code newInstanceId} restored
     * from the snapshot, in the source instance's network (subnet group, security groups), with its
     * class, public access and Multi-AZ. An instance of that name already there (an earlier attempt)
     * is "already done". Returns at once: the instance is {@code creating}; follow with {@link #instance}.
     *
     * @throws dev.cutover.step.StepFailedException when the snapshot or the source instance does not
     *     exist, or RDS refuses the restore
     */
    Ensured<DbInstance> ensureRestoredFromSnapshot(String sourceInstanceId, String snapshotId, String newInstanceId);
}
