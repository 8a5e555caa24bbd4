package dev.cutover.plan;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports an invalid {@code cutover.*} configuration the way an operator writes it: one line per
 * bad property, in kebab-case ({@code cutover.plan.rds.instance-id}), with the value and why.
 */
class PlanFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String prefix = cause.getValidationErrors().getName().toString();
        if (!prefix.startsWith("cutover")) {
            return null;
        }
        List<String> problems = cause.getValidationErrors().getAllErrors().stream()
                .map(error -> "    " + describe(prefix, error))
                .distinct()
                .toList();
        return new FailureAnalysis(
                "The configuration under '" + prefix + "' has " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems") + ":\n\n" + String.join("\n", problems),
                "Correct these in application.yaml, a profile's file or the environment (for example"
                        + " CUTOVER_PLAN_RDS_INSTANCE_ID for cutover.plan.rds.instance-id), then start again.",
                cause);
    }

    private static String describe(String prefix, ObjectError error) {
        if (!(error instanceof FieldError field)) {
            return prefix + ": " + error.getDefaultMessage();
        }
        boolean crossField = Arrays.asList(field.getCodes() == null ? new String[0] : field.getCodes())
                .contains("AssertTrue");
        String path = kebab(field.getField());
        if (crossField) {
            int lastDot = path.lastIndexOf('.');
            return prefix + (lastDot < 0 ? "" : "." + path.substring(0, lastDot)) + ": " + field.getDefaultMessage();
        }
        Object value = field.getRejectedValue();
        return prefix + "." + path + " = \"" + (value == null ? "" : value) + "\": " + field.getDefaultMessage();
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
