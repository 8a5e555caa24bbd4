package dev.cutover.aws.iam;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalKeys;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of IAM. The Tower user exists with its policy and one access key (the runbook
 * did "Create tower AMI user" before Day 0); the interim Heroku user does not yet. The world keeps
 * key ids only: a new key's secret is handed to the caller and forgotten. {@code iam.outage} fails
 * the next call as a throttled API would. Like CloudTrail, it keeps every call that changed
 * something ({@code events}: created and deleted users and keys), recorded in the same change, so a
 * rehearsal can count them after the users are gone.
 */
@Component
@Profile("rehearsal")
class SimulatedIam implements IamPort, WorldPart {

    static final String SYSTEM = "iam";
    static final String ACCOUNT = "123456789012";

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final MigrationPlan.IamUser towerUser;
    private final SecureRandom random = new SecureRandom();

    SimulatedIam(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.towerUser = plan.iam().towerUser();
    }

    @Override
    public Ensured<String> ensureUser(String userName, String policyArn, Map<String, String> tags) {
        outage();
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            UserState user = state.users.get(userName);
            boolean created = user == null;
            if (created) {
                user = new UserState(userName, now, tags);
                state.users.put(userName, user);
                state.event(now, "CreateUser", userName, null);
            }
            boolean attached = user.policies.contains(policyArn);
            if (!attached) {
                user.policies.add(policyArn);
            }
            return created || !attached ? Ensured.changed(user.arn) : Ensured.alreadyDone(user.arn);
        });
    }

    @Override
    public List<String> accessKeyIds(String userName) {
        outage();
        return existing(world.read(SYSTEM, State.class, this::initial), userName).keyIds();
    }

    @Override
    public AccessKey createAccessKey(String userName) {
        outage();
        Instant now = clock.instant();
        String keyId = "AKIA" + randomString(KEY_ID_ALPHABET, 16);
        String secret = randomString(SECRET_ALPHABET, 40);
        world.change(SYSTEM, State.class, this::initial, state -> {
            UserState user = existing(state, userName);
            List<String> keyIds = user.keyIds();
            if (keyIds.size() >= IamAdapter.MAX_ACCESS_KEYS) {
                throw new StepFailedException("IAM user '" + userName + "' already has " + keyIds.size()
                        + " access keys " + keyIds + ", the most IAM allows: delete the oldest (" + keyIds.get(0)
                        + ") before creating a new one");
            }
            user.accessKeys.add(new KeyState(keyId, now));
            state.event(now, "CreateAccessKey", userName, keyId);
            return keyId;
        });
        return new AccessKey(userName, keyId, secret);
    }

    @Override
    public void deleteAccessKey(String userName, String accessKeyId) {
        outage();
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, this::initial, state -> {
            UserState user = state.users.get(userName);
            boolean deleted = user != null && user.accessKeys.removeIf(key -> key.id.equals(accessKeyId));
            if (deleted) {
                state.event(now, "DeleteAccessKey", userName, accessKeyId);
            }
            return deleted;
        });
    }

    @Override
    public Ensured<String> ensureUserDeleted(String userName) {
        outage();
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            if (state.users.remove(userName) == null) {
                return Ensured.alreadyDone(userName);
            }
            state.event(now, "DeleteUser", userName, null);
            return Ensured.changed(userName);
        });
    }

    private void outage() {
        faults.outage("iam.outage", "Rate exceeded (Service: Iam, Status Code: 400, Error Code: Throttling)");
    }

    private static UserState existing(State state, String userName) {
        UserState user = state.users.get(userName);
        if (user == null) {
            throw new StepFailedException("IAM user '" + userName + "' does not exist");
        }
        return user;
    }

    private String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Map<String, Object> users = new LinkedHashMap<>();
        state.users.forEach((name, user) -> users.put(name, Map.of(
                "arn", user.arn,
                "createdAt", user.createdAt.toString(),
                "policies", user.policies,
                "accessKeys", user.accessKeys.stream()
                        .map(key -> Map.of("id", key.id, "status", "Active", "createdAt", key.createdAt.toString()))
                        .toList(),
                "tags", user.tags)));
        List<Map<String, String>> events = state.events.stream().map(event -> {
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("at", event.at.toString());
            shown.put("call", event.call);
            shown.put("user", event.user);
            if (event.accessKeyId != null) {
                shown.put("accessKeyId", event.accessKeyId);
            }
            return shown;
        }).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("users", users);
        view.put("events", events);
        return view;
    }

    private State initial() {
        Instant beforeDay0 = clock.instant().minus(Duration.ofDays(14));
        UserState tower = new UserState(towerUser.name(), beforeDay0, Map.of());
        tower.policies.add(towerUser.policyArn());
        tower.accessKeys.add(new KeyState(RehearsalKeys.TOWER_USER_KEY_ID, beforeDay0));
        State state = new State();
        state.users.put(tower.name, tower);
        return state;
    }

    static class State {
        Map<String, UserState> users = new LinkedHashMap<>();
        List<EventState> events = new ArrayList<>();

        void event(Instant at, String call, String user, String accessKeyId) {
            events.add(new EventState(at, call, user, accessKeyId));
        }
    }

    /** One call that changed IAM, as CloudTrail would list it: key ids only. */
    static class EventState {
        Instant at;
        String call;
        String user;
        String accessKeyId;

        EventState() {
        }

        EventState(Instant at, String call, String user, String accessKeyId) {
            this.at = at;
            this.call = call;
            this.user = user;
            this.accessKeyId = accessKeyId;
        }
    }

    static class UserState {
        String name;
        String arn;
        Instant createdAt;
        List<String> policies = new ArrayList<>();
        List<KeyState> accessKeys = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();

        UserState() {
        }

        UserState(String name, Instant createdAt, Map<String, String> tags) {
            this.name = name;
            this.arn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;
            this.createdAt = createdAt;
            this.tags = tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
        }

        List<String> keyIds() {
            return accessKeys.stream().map(key -> key.id).toList();
        }
    }

    static class KeyState {
        String id;
        Instant createdAt;

        KeyState() {
        }

        KeyState(String id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }
    }
}
