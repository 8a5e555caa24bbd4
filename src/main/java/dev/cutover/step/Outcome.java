package dev.cutover.step;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a step found and did; the ledger stores {@link #label()}. */
public enum Outcome {
    CHANGED("changed"),
    ALREADY_DONE("already done"),
    FAILED("failed"),
    /** A research step looked and found what it reports; it changes nothing. */
    CHECKED("checked"),
    /** A person completed a user task: what they approved or decided, and their notes. */
    DECIDED("decided"),
    /** A rollback put back what an earlier phase of the run had changed. */
    UNDONE("undone"),
    /** A phase's own compensation put back what one of its steps had changed. */
    COMPENSATED("compensated");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public static Outcome ofLabel(String label) {
        for (Outcome outcome : values()) {
            if (outcome.label.equals(label)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + label + "'");
    }
}
