package dev.cutover.tower;

import java.util.Set;

/** An AWX job as {@code GET /api/v2/jobs/{id}/} reports it. */
public record TowerJob(long id, String templateName, String status, String explanation) {

    private static final Set<String> FAILED = Set.of("failed", "error", "canceled");

    public boolean successful() {
        return "successful".equals(status);
    }

    public boolean failed() {
        return FAILED.contains(status);
    }

    public boolean finished() {
        return successful() || failed();
    }
}
