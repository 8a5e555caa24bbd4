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
}
