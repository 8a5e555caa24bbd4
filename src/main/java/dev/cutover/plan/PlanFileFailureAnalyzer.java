package dev.cutover.plan;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a plan file that cannot be read: the file, then one line per problem with its line number. */
class PlanFileFailureAnalyzer extends AbstractFailureAnalyzer<PlanFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlanFileException cause) {
        int count = cause.problems().size();
        return new FailureAnalysis(
                "The plan " + cause.file() + " has " + count + (count == 1 ? " problem" : " problems") + ":\n\n    "
                        + String.join("\n    ", cause.problems()),
                "Correct the plan's file (docs/plan.md describes every key), or point cutover.plan (CUTOVER_PLAN)"
                        + " at another plan, then start again.",
                cause);
    }
}
