package dev.cutover.aws.secrets;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldSeal;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of Secrets Manager. It is the store, so it keeps the values, each version sealed
 * as Secrets Manager encrypts them with KMS ({@link WorldSeal}); its view shows names, ARNs and how
 * many versions each has, never a value. Starts empty. {@code secrets.outage} fails the next call
 * as a throttled API would.
 */
@Component
@Profile("rehearsal")
public class SimulatedSecretStore implements SecretStorePort, WorldPart {

    static final String SYSTEM = "secrets";

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = IntStream.rangeClosed('!', '~')
            .filter(c -> !Character.isLetterOrDigit(c))
            .filter(c -> SecretsManagerAdapter.NOT_IN_PASSWORDS.indexOf(c) < 0)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    private static final String ALLOWED = UPPER + LOWER + DIGITS + PUNCTUATION;

    private final WorldStore world;
    private final Faults faults;
    private final WorldSeal seal;
    private final Clock clock;
    private final String arnPrefix;
    private final SecureRandom random = new SecureRandom();

    SimulatedSecretStore(WorldStore world, Faults faults, WorldSeal seal, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.seal = seal;
        this.clock = clock;
        this.arnPrefix = "arn:aws:secretsmanager:" + plan.aws().region() + ":123456789012:secret:";
    }

    @Override
    public String keep(String name, String value) {
        outage();
        Instant now = clock.instant();
        String sealed = seal.seal(value);
        return world.change(SYSTEM, State.class, State::new, state -> {
            SecretState secret = state.secrets.computeIfAbsent(name, missing -> new SecretState(arnOf(missing), now));
            secret.versions.add(sealed);
            secret.changedAt = now;
            return secret.arn;
        });
    }

    @Override
    public String read(String arnOrName) {
        outage();
        State state = world.read(SYSTEM, State.class, State::new);
        return Optional.ofNullable(state.secrets.get(arnOrName))
                .or(() -> state.secrets.values().stream().filter(s -> s.arn.equals(arnOrName)).findFirst())
                .map(SecretState::current)
                .map(seal::open)
                .orElseThrow(() -> new StepFailedException("Secrets Manager has no secret '" + arnOrName
                        + "' with a " + SecretsManagerAdapter.CURRENT + " version"));
    }

    @Override
    public String randomPassword(int length) {
        outage();
        if (length < 4) {
            throw new IllegalArgumentException("a password of at least 4 characters, one of each kind");
        }
        String password;
        do {
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(ALLOWED.charAt(random.nextInt(ALLOWED.length())));
            }
            password = out.toString();
        } while (!hasEachKind(password));
        return password;
    }

    // GetRandomPassword's RequireEachIncludedType, which defaults to true
    private static boolean hasEachKind(String password) {
        return containsAny(password, UPPER) && containsAny(password, LOWER) && containsAny(password, DIGITS)
                && containsAny(password, PUNCTUATION);
    }

    private static boolean containsAny(String password, String kind) {
        return password.chars().anyMatch(c -> kind.indexOf(c) >= 0);
    }

    private String arnOf(String name) {
        // Secrets Manager appends a hyphen and six random characters to the name
        return arnPrefix + name + "-AbCdEf";
    }

    private void outage() {
        faults.outage("secrets.outage",
                "Rate exceeded (Service: SecretsManager, Status Code: 400, Error Code: ThrottlingException)");
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        Map<String, Object> secrets = new LinkedHashMap<>();
        world.read(SYSTEM, State.class, State::new).secrets.forEach((name, secret) -> secrets.put(name, Map.of(
                "arn", secret.arn,
                "versions", secret.versions.size(),
                "createdAt", secret.createdAt.toString(),
                "changedAt", secret.changedAt.toString())));
        return Map.of("secrets", secrets);
    }

    static class State {
        Map<String, SecretState> secrets = new LinkedHashMap<>();
    }

    static class SecretState {
        String arn;
        Instant createdAt;
        Instant changedAt;
        /** Sealed, oldest first. */
        List<String> versions = new ArrayList<>();

        SecretState() {
        }

        SecretState(String arn, Instant createdAt) {
            this.arn = arn;
            this.createdAt = createdAt;
            this.changedAt = createdAt;
        }

        String current() {
            return versions.get(versions.size() - 1);
        }
    }
}
