package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.ledger.Ledger;
import dev.cutover.step.StepContext;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A Heroku formation as the ledger keeps it for "turn the Heroku app back on": {@code web=2:standard-1x,worker=1:standard-1x}. */
final class HerokuFormations {

    static final String REFERENCE = "formation";

    /** The formation "turn off the Heroku app" kept in this run's ledger, or null when it kept none. */
    static String saved(Ledger ledger, StepContext step) {
        return TurnOffHerokuApp.STEP.entries(ledger, step).stream()
                .map(entry -> entry.undo().get(REFERENCE))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    static String write(List<Formation> formation) {
        return formation.stream().map(type -> type.type() + "=" + type.quantity() + ":" + type.size())
                .collect(Collectors.joining(","));
    }

    static List<Formation> read(String written) {
        if (written == null || written.isBlank()) {
            return List.of();
        }
        return Arrays.stream(written.split(",")).map(entry -> {
            String[] typeAndRest = entry.split("=", 2);
            String[] quantityAndSize = typeAndRest[1].split(":", 2);
            return new Formation(typeAndRest[0], Integer.parseInt(quantityAndSize[0]),
                    quantityAndSize.length > 1 ? quantityAndSize[1] : null);
        }).toList();
    }

    /** "web=2 standard-1x, worker=1 standard-1x", for an operator. */
    static String describe(List<Formation> formation) {
        return formation.isEmpty() ? "no process types" : formation.stream()
                .map(type -> type.type() + "=" + type.quantity() + " " + type.size())
                .collect(Collectors.joining(", "));
    }

    private HerokuFormations() {
    }
}
