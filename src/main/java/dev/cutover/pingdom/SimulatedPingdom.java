package dev.cutover.pingdom;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of Pingdom, as the runbook finds it: one check watches the old Heroku site's
 * health page and none the new domain. A check added or corrected is {@code unknown} until its
 * first test, about {@value #FIRST_TEST_SECONDS} s later, then {@code up}; the fault
 * {@code pingdom.outage} fails the next call as a 503 would.
 */
@Component
@Profile("rehearsal")
class SimulatedPingdom implements PingdomPort, WorldPart {

    static final String SYSTEM = "pingdom";
    static final long FIRST_TEST_SECONDS = 2;

    private static final Duration FIRST_TEST = Duration.ofSeconds(FIRST_TEST_SECONDS);

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final String oldDomain;
    private final String healthPath;

    SimulatedPingdom(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.oldDomain = plan.domains().old().name();
        this.healthPath = plan.pingdom().healthPath();
    }

    @Override
    public Ensured<PingdomCheck> ensureHttpCheck(String name, String host, String path) {
        faults.outage("pingdom.outage", "Pingdom answered 503 Service Unavailable");
        Instant now = clock.instant();
        String wantedHost = host.toLowerCase(Locale.ROOT);
        return world.change(SYSTEM, State.class, this::initial, state -> {
            List<CheckState> named = state.checks.values().stream().filter(check -> check.name.equals(name)).toList();
            if (named.size() > 1) {
                throw new StepFailedException("Pingdom has " + named.size() + " checks named '" + name + "' (ids "
                        + named.stream().map(check -> String.valueOf(check.id)).collect(Collectors.joining(", "))
                        + "), so Cutover cannot tell which one watches the site: delete or rename all but one");
            }
            if (named.isEmpty()) {
                CheckState created = new CheckState(state.nextId++, name, wantedHost, path, now);
                created.tags.add("cutover");
                state.checks.put(String.valueOf(created.id), created);
                return Ensured.changed(created.as(now, faults.paced(FIRST_TEST)));
            }
            CheckState check = named.get(0);
            if (check.watches(wantedHost, path)) {
                return Ensured.alreadyDone(check.as(now, faults.paced(FIRST_TEST)));
            }
            check.host = wantedHost;
            check.path = path;
            check.encryption = true;
            check.paused = false;
            check.changedAt = now;
            return Ensured.changed(check.as(now, faults.paced(FIRST_TEST)));
        });
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Instant now = clock.instant();
        List<Map<String, Object>> checks = new ArrayList<>();
        state.checks.values().forEach(check -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("id", check.id);
            shown.put("name", check.name);
            shown.put("type", "http");
            shown.put("url", check.url());
            shown.put("status", check.as(now, faults.paced(FIRST_TEST)).status());
            shown.put("tags", check.tags);
            checks.add(shown);
        });
        return Map.of("checks", checks);
    }

    private State initial() {
        State state = new State();
        CheckState heroku = new CheckState(state.nextId++, oldDomain + " health", oldDomain, healthPath, null);
        state.checks.put(String.valueOf(heroku.id), heroku);
        return state;
    }

    static class State {
        Map<String, CheckState> checks = new LinkedHashMap<>();
        long nextId = 6_104_211;
    }

    static class CheckState {
        long id;
        String name;
        String host;
        String path;
        boolean encryption = true;
        boolean paused;
        // null: tested long before the rehearsal began
        Instant changedAt;
        List<String> tags = new ArrayList<>();

        CheckState() {
        }

        CheckState(long id, String name, String host, String path, Instant changedAt) {
            this.id = id;
            this.name = name;
            this.host = host;
            this.path = path;
            this.changedAt = changedAt;
        }

        boolean watches(String wantedHost, String wantedPath) {
            return host.equalsIgnoreCase(wantedHost) && path.equals(wantedPath) && encryption && !paused;
        }

        String url() {
            return (encryption ? "https://" : "http://") + host + path;
        }

        PingdomCheck as(Instant now, Duration firstTest) {
            String status;
            if (paused) {
                status = "paused";
            } else if (changedAt != null && Duration.between(changedAt, now).compareTo(firstTest) < 0) {
                status = "unknown";
            } else {
                status = "up";
            }
            return new PingdomCheck(id, name, host, path, encryption, status);
        }
    }
}
