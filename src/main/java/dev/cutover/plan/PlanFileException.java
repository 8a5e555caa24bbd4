package dev.cutover.plan;

import java.nio.file.Path;
import java.util.List;

/** The plan's file is missing, is not YAML, or has keys the plan does not know: nothing starts. */
public class PlanFileException extends RuntimeException {

    private final Path file;
    private final List<String> problems;

    PlanFileException(Path file, List<String> problems) {
        super("The plan " + file + " cannot be used: " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}
