package dev.cutover.process;

import org.camunda.bpm.engine.delegate.VariableScope;

/** A process variable by name and type: read it where it must be, and fail fast when it is not. */
public record Variable<T>(String name, Class<T> type) {

    public static <T> Variable<T> of(String name, Class<T> type) {
        return new Variable<>(name, type);
    }

    public T from(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null) {
            throw new IllegalStateException("process variable '" + name + "' is missing; the step before it sets it");
        }
        return type.cast(value);
    }

    public T fromOrNull(VariableScope scope) {
        return type.cast(scope.getVariable(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }
}
