package dev.cutover.dns;

import java.util.List;
import java.util.stream.Collectors;

/** What every resolver answers for one name and type, against the expected value. */
public record PropagationReport(String name, String type, String expected, List<ResolverAnswer> answers) {

    public PropagationReport {
        answers = List.copyOf(answers);
    }

    /** DNS has completely propagated: every resolver answers as expected. */
    public boolean complete() {
        return !answers.isEmpty() && answers.stream().allMatch(ResolverAnswer::matches);
    }

    /** The resolvers that do not answer as expected yet. */
    public List<String> lagging() {
        return answers.stream().filter(answer -> !answer.matches()).map(ResolverAnswer::resolver).toList();
    }

    /** One line for an operator: how many resolvers agree, and what the others say. */
    public String summary() {
        long agreeing = answers.stream().filter(ResolverAnswer::matches).count();
        String head = name + " " + type + " → " + expected + ": " + agreeing + " of " + answers.size()
                + " resolvers answer as expected";
        if (complete()) {
            return head;
        }
        return head + "; not yet: " + answers.stream().filter(answer -> !answer.matches())
                .map(answer -> answer.resolver() + " (" + answer.result()
                        + (answer.values().isEmpty() ? "" : ": " + String.join(", ", answer.values())) + ")")
                .collect(Collectors.joining(", "));
    }
}
