package dev.cutover.step;

/**
 * The result of an "ensure" call: the state the outside system is in now, and whether the call
 * had to change anything to get it there.
 */
public record Ensured<T>(Outcome outcome, T value) {

    public static <T> Ensured<T> changed(T value) {
        return new Ensured<>(Outcome.CHANGED, value);
    }

    public static <T> Ensured<T> alreadyDone(T value) {
        return new Ensured<>(Outcome.ALREADY_DONE, value);
    }

    public boolean changed() {
        return outcome == Outcome.CHANGED;
    }
}
