package dev.cutover.rehearsal;

/** A simulated system that shows its state in {@code GET /api/rehearsal/world}. */
public interface WorldPart {

    /** Its name in the world's JSON ({@code rds}, {@code s3}, {@code tower}, …). */
    String system();

    /** Its state as an operator would look at it now (statuses as of this moment). */
    Object view();
}
