package dev.cutover.report;

/** Neither the engine's history nor the ledger knows a run of this name: the pages answer 404. */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(String run) {
        super("No run '" + run + "': no phase was started with this business key and the ledger has nothing for it."
                + " The runs are listed at /cutover.");
    }
}
