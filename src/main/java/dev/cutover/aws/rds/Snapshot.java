package dev.cutover.aws.rds;

import java.util.Set;

/** A manual RDS snapshot as DescribeDBSnapshots reports it. */
public record Snapshot(String id, String instanceId, String status, int percentProgress) {

    /** Statuses from which a snapshot never becomes available (botocore's waiter failure set). */
    private static final Set<String> FAILED = Set.of(
            "deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters");

    public boolean available() {
        return "available".equals(status);
    }

    public boolean failed() {
        return FAILED.contains(status);
    }
}
