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
    /** A rollback process undid what a forward step of the run had changed. */
    UNDONE("undone"),
    /** A compensation handler, inside the phase that made the change, undid it. */
    COMPENSATED("compensated");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Whether the step changed the outside world: forward ({@code changed}) or back ({@code undone}, {@code compensated}). */
    public boolean changedSomething() {
        return this == CHANGED || this == UNDONE || this == COMPENSATED;
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
