package dev.cutover.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports an invalid {@code cutover.*} configuration the way an operator writes it: one line per
 * bad property, in kebab-case ({@code cutover.plan.rds.instance-id}), with the value, where it was
 * written (the plan's file and line) and why.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PlanFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String prefix = cause.getValidationErrors().getName().toString();
        if (!prefix.startsWith("cutover")) {
            return null;
        }
        List<String> problems = cause.getValidationErrors().getAllErrors().stream()
                .map(error -> "    " + describe(prefix, error, cause.getValidationErrors().getBoundProperties()))
                .distinct()
                .toList();
        return new FailureAnalysis(
                "The configuration under '" + prefix + "' has " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems") + ":\n\n" + String.join("\n", problems),
                action(prefix), cause);
    }

    static String action(String prefix) {
        return prefix.startsWith("cutover.plan")
                ? "Correct these in the plan's file (cutover.plan, by default plans/clearmyrecord.yaml; docs/plan.md),"
                        + " a profile's file or the environment (for example CUTOVER_PLAN_RDS_INSTANCE_ID for"
                        + " cutover.plan.rds.instance-id), then start again."
                : "Correct these in application.yaml, a profile's file or the environment, then start again.";
    }

    private static String describe(String prefix, ObjectError error, Set<ConfigurationProperty> bound) {
        if (!(error instanceof FieldError field)) {
            return prefix + ": " + error.getDefaultMessage();
        }
        boolean crossField = Arrays.asList(field.getCodes() == null ? new String[0] : field.getCodes())
                .contains("AssertTrue");
        String path = PlanFile.kebab(field.getField());
        if (crossField) {
            int lastDot = path.lastIndexOf('.');
            return prefix + (lastDot < 0 ? "" : "." + path.substring(0, lastDot)) + ": " + field.getDefaultMessage();
        }
        Object value = field.getRejectedValue();
        String name = prefix + "." + path;
        Origin origin = bound.stream().filter(property -> property.getName().toString().equals(name))
                .map(ConfigurationProperty::getOrigin).findFirst().orElse(null);
        return name + " = \"" + (value == null ? "" : value) + "\"" + where(origin) + ": "
                + field.getDefaultMessage();
    }

    /** " (plans/clearmyrecord.yaml line 40)" for a value from a file, else nothing. */
    static String where(Origin origin) {
        while (origin instanceof PropertySourceOrigin source) {
            origin = source.getOrigin();
        }
        if (!(origin instanceof TextResourceOrigin text) || text.getLocation() == null) {
            return "";
        }
        Resource resource = text.getResource();
        String file = resource instanceof FileSystemResource onDisk ? onDisk.getPath()
                : resource == null ? "" : resource.getDescription();
        return " (" + file + " line " + (text.getLocation().getLine() + 1) + ")";
    }

    /**
     * A plan value that cannot even be read as its type (a duration that does not parse, a word where
     * a number belongs): the key, the value, where it was written, and what the key takes.
     */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Unreadable extends AbstractFailureAnalyzer<BindException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
            if (cause.getProperty() == null || !cause.getName().toString().startsWith("cutover.plan")
                    || findCause(cause, BindValidationException.class) != null) {
                return null;
            }
            Class<?> target = cause.getTarget().getType().resolve(Object.class);
            String type = target.getSimpleName();
            String expected = target.isEnum()
                    ? "one of " + Arrays.toString(target.getEnumConstants()).toLowerCase().replace('_', '-')
                    : switch (type) {
                case "Duration" -> "a duration like PT30S, PT40M, PT2H (ISO-8601) or 30s, 40m, 2h";
                case "int", "Integer", "long", "Long" -> "a whole number";
                case "URI" -> "a URL like https://www.example.org";
                default -> "a " + type;
            };
            return new FailureAnalysis("The plan has 1 problem:\n\n    " + cause.getProperty().getName() + " = \""
                    + cause.getProperty().getValue() + "\"" + where(cause.getProperty().getOrigin())
                    + ": cannot be read: must be " + expected, action("cutover.plan"), cause);
        }
    }
}
