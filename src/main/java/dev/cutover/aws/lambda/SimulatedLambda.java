package dev.cutover.aws.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.Fingerprint;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of Lambda: the function Zappa deployed, its environment already carrying the
 * Sentry DSN (the runbook did "Research Sentry" before Day 0). No value of the environment is
 * kept: only the names, and for a variable Cutover set a SHA-256 of its value, so setting the same
 * value again is no change; for the database URL also a SHA-256 of the password in it, which the
 * hosting compares with the database's (none at first: the password the app was deployed with).
 * An update is {@code InProgress} for a second, then {@code Successful};
 * meanwhile another update meets a conflict, as Lambda's ResourceConflictException.
 * The fault {@code lambda.no-sentry} hides the DSN from the next read; {@code lambda.update.fails}
 * makes the next update end {@code Failed}, its environment unchanged; {@code lambda.outage} fails the next call as a
 * throttled API would.
 */
@Component
@Profile("rehearsal")
public class SimulatedLambda implements LambdaPort, WorldPart {

    static final String SYSTEM = "lambda";
    static final Duration UPDATE_TAKES = Duration.ofSeconds(1);
    static final String SUCCESSFUL = "Successful";
    static final String IN_PROGRESS = "InProgress";
    static final String FAILED = "Failed";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final MigrationPlan.Lambda function;
    private final String databaseUrlVariable;
    private final String region;

    SimulatedLambda(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.function = plan.lambda();
        this.databaseUrlVariable = plan.rds().urlVariable();
        this.region = plan.aws().region();
    }

    @Override
    public Set<String> environmentVariableNames(String functionName) {
        outage();
        boolean noSentry = faults.trip("lambda.no-sentry");
        FunctionState found = existing(world.read(SYSTEM, State.class, this::initial), functionName);
        Set<String> names = new TreeSet<>(found.environmentVariableNames);
        if (noSentry) {
            names.remove(function.sentryDsnVariable());
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public boolean updateEnvironment(String functionName, Map<String, String> changes) {
        Map<String, String> fingerprints = new TreeMap<>();
        changes.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " of Lambda function '"
                        + functionName + "' needs a value");
            }
            fingerprints.put(name, Fingerprint.of(value));
        });
        String databaseUrl = changes.get(databaseUrlVariable);
        String databasePassword = databaseUrl == null ? null : Fingerprint.of(passwordIn(databaseUrl));
        outage();
        boolean fails = faults.trip("lambda.update.fails");
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            FunctionState found = existing(state, functionName);
            if (IN_PROGRESS.equals(found.lastUpdateStatusAt(now))) {
                throw new IllegalStateException("Lambda function '" + functionName + "' has an update in progress"
                        + " (ResourceConflictException: The operation cannot be performed at this time. An update is"
                        + " in progress for resource: " + arn(functionName) + ")");
            }
            List<String> changed = fingerprints.entrySet().stream()
                    .filter(change -> !change.getValue().equals(found.valueFingerprints.get(change.getKey())))
                    .map(Map.Entry::getKey)
                    .toList();
            if (changed.isEmpty()) {
                return false;
            }
            if (!fails) {
                Set<String> names = new TreeSet<>(found.environmentVariableNames);
                names.addAll(changed);
                found.environmentVariableNames = new ArrayList<>(names);
                changed.forEach(name -> found.valueFingerprints.put(name, fingerprints.get(name)));
                if (databasePassword != null) {
                    found.databasePasswordFingerprint = databasePassword;
                    found.databasePasswordSetAt = now;
                }
            }
            found.revisionId = UUID.randomUUID().toString();
            found.lastUpdatedAt = now;
            found.lastUpdatedVariables = changed;
            found.updatingUntil = now.plus(faults.paced(UPDATE_TAKES));
            found.lastUpdateFails = fails;
            return true;
        });
    }

    /**
     * The rehearsal's Deploy Zappa job, given the database password's secret, deploys the function
     * with that password: from {@code at} (when the job succeeds) the app logs in with it.
     */
    public void deployedWithDatabasePassword(String password, Instant at) {
        String fingerprint = Fingerprint.of(password);
        world.change(SYSTEM, State.class, this::initial, state -> {
            FunctionState found = existing(state, function.functionName());
            found.databasePasswordFingerprint = fingerprint;
            found.databasePasswordSetAt = at;
            return null;
        });
    }

    @Override
    public String lastUpdateStatus(String functionName) {
        outage();
        return existing(world.read(SYSTEM, State.class, this::initial), functionName)
                .lastUpdateStatusAt(clock.instant());
    }

    private void outage() {
        faults.outage("lambda.outage",
                "Rate exceeded (Service: Lambda, Status Code: 429, Error Code: TooManyRequestsException)");
    }

    private FunctionState existing(State state, String functionName) {
        FunctionState found = state.functions.get(functionName);
        if (found == null) {
            throw new StepFailedException("Lambda has no function '" + functionName + "': Function not found: "
                    + arn(functionName));
        }
        return found;
    }

    private String arn(String functionName) {
        return "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        Instant now = clock.instant();
        Map<String, Object> functions = new LinkedHashMap<>();
        world.read(SYSTEM, State.class, this::initial).functions.forEach((name, fn) -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("runtime", fn.runtime);
            shown.put("handler", fn.handler);
            shown.put("environmentVariableNames", fn.environmentVariableNames);
            shown.put("lastUpdateStatus", fn.lastUpdateStatusAt(now));
            if (fn.lastUpdatedAt != null) {
                shown.put("lastUpdate", Map.of("at", fn.lastUpdatedAt.toString(),
                        "variables", fn.lastUpdatedVariables));
            }
            functions.put(name, shown);
        });
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

    /**
     * The password in a {@code postgres://user:password@host:port/database} URL as the app reads it
     * (dj-database-url: urllib's split, then percent-decoded); empty when there is none.
     */
    static String passwordIn(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme < 0 ? url : url.substring(scheme + 3);
        int netlocEnd = rest.length();
        for (char end : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(end);
            if (at >= 0 && at < netlocEnd) {
                netlocEnd = at;
            }
        }
        String netloc = rest.substring(0, netlocEnd);
        int at = netloc.lastIndexOf('@');
        String userInfo = at < 0 ? "" : netloc.substring(0, at);
        int colon = userInfo.indexOf(':');
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        try {
            // unquote, not unquote_plus: a '+' stays a '+'
            return URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notPercentEncoded) {
            return password;
        }
    }

    static class State {
        Map<String, FunctionState> functions = new LinkedHashMap<>();
    }

    static class FunctionState {
        String runtime;
        String handler;
        List<String> environmentVariableNames = List.of();
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> valueFingerprints = new TreeMap<>();
        // null: the password the app was deployed with
        @JsonInclude(JsonInclude.Include.NON_NULL) String databasePasswordFingerprint;
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant databasePasswordSetAt;
        @JsonInclude(JsonInclude.Include.NON_NULL) String revisionId;
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastUpdatedAt;
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> lastUpdatedVariables = List.of();
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant updatingUntil;
        boolean lastUpdateFails;

        String lastUpdateStatusAt(Instant now) {
            if (updatingUntil != null && now.isBefore(updatingUntil)) {
                return IN_PROGRESS;
            }
            return lastUpdateFails ? FAILED : SUCCESSFUL;
        }
    }
}
