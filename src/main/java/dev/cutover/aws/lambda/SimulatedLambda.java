package dev.cutover.aws.lambda;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of Lambda: the function Zappa deployed, its environment already carrying the
 * Sentry DSN (the runbook did "Research Sentry" before Day 0). Only variable names exist here.
 * The fault {@code lambda.no-sentry} hides the DSN from the next read; {@code lambda.outage}
 * fails the next call as a throttled API would.
 */
@Component
@Profile("rehearsal")
class SimulatedLambda implements LambdaPort, WorldPart {

    static final String SYSTEM = "lambda";

    private final WorldStore world;
    private final Faults faults;
    private final MigrationPlan.Lambda function;
    private final String region;

    SimulatedLambda(WorldStore world, Faults faults, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.function = plan.lambda();
        this.region = plan.aws().region();
    }

    @Override
    public Set<String> environmentVariableNames(String functionName) {
        faults.outage("lambda.outage",
                "Rate exceeded (Service: Lambda, Status Code: 429, Error Code: TooManyRequestsException)");
        boolean noSentry = faults.trip("lambda.no-sentry");
        FunctionState found = world.read(SYSTEM, State.class, this::initial).functions.get(functionName);
        if (found == null) {
            throw new StepFailedException("Lambda has no function '" + functionName + "': Function not found: "
                    + "arn:aws:lambda:" + region + ":123456789012:function:" + functionName);
        }
        Set<String> names = new TreeSet<>(found.environmentVariableNames);
        if (noSentry) {
            names.remove(function.sentryDsnVariable());
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        Map<String, Object> functions = new LinkedHashMap<>();
        world.read(SYSTEM, State.class, this::initial).functions.forEach((name, fn) -> functions.put(name, Map.of(
                "runtime", fn.runtime,
                "handler", fn.handler,
                "environmentVariableNames", fn.environmentVariableNames)));
        return Map.of("functions", functions);
    }

    private State initial() {
        FunctionState deployed = new FunctionState();
        deployed.runtime = "python3.8";
        deployed.handler = "handler.lambda_handler";
        deployed.environmentVariableNames = new TreeSet<>(List.of(function.sentryDsnVariable(),
                "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "AWS_STORAGE_BUCKET_NAME"))
                .stream().toList();
        State state = new State();
        state.functions.put(function.functionName(), deployed);
        return state;
    }

    static class State {
        Map<String, FunctionState> functions = new LinkedHashMap<>();
    }

    static class FunctionState {
        String runtime;
        String handler;
        List<String> environmentVariableNames = List.of();
    }
}
