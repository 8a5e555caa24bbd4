package dev.cutover.heroku;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldSeal;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of the Heroku app as the runbook finds it: serving the old domain on two web dynos
 * and a worker (and a clock dyno when the plan names a scheduler process type), out of maintenance,
 * its media in the old bucket through the Heroku-era access key ({@value #HEROKU_ERA_KEY_ID}), its
 * database the RDS instance. Every change of config vars is a new release; scaling and maintenance
 * mode are not releases on Heroku, so they show in the app's API log only, as config var changes do
 * too. The values of config vars whose names look secret are kept sealed ({@link WorldSeal}). Its
 * router logs a line for every request the rehearsal's Heroku site serves ({@link #routerServed}),
 * the last {@value RouterLog#MOST_LINES} kept, as a log session finds them. The fault
 * {@code heroku.outage} fails the next call as a 503 would; {@code heroku.visitors} has visitors
 * reach the app over the window the next traffic check looks at.
 */
@Component
@Profile("rehearsal")
public class SimulatedHeroku implements HerokuPort, WorldPart {

    static final String SYSTEM = "heroku";
    static final String HEROKU_ERA_KEY_ID = "AKIAREHEARSALHEROKU1";
    static final String MASKED = "•••";
    static final String DYNO_SIZE = "standard-1x";
    static final String VISITORS = "heroku.visitors";
    static final String SCALE_FAILS = "heroku.scale.fails";
    /** Someone merges the Zappa changes and Heroku deploys them: a new slug, seen at the next release listing. */
    static final String ZAPPA_MERGED = "heroku.zappa-merged";
    static final String FIRST_SLUG = "5f1c9d2e-0b7a-4c3e-9a51-3f0d2c7b8e41";
    static final int VISITOR_REQUESTS = 12;

    private static final Map<String, String> ROUTER_CODES = Map.of(
            "H14", "No web processes running",
            "H80", "Maintenance mode");
    private static final List<String> VISITED_PATHS = List.of("/", "/apply/", "/eligibility/", "/faq/",
            "/how-it-works/", "/static/img/how-it-works-diagram.png");

    // values of such names are sealed and masked in the view; an access key id is an identifier, not a secret
    private static final Pattern SECRET_NAME = Pattern.compile("KEY|SECRET|TOKEN|PASS|URL|DSN|AUTH|CREDENTIAL|PRIVATE",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_ID_NAME = Pattern.compile(".*ACCESS_KEY_ID", Pattern.CASE_INSENSITIVE);

    private final WorldStore world;
    private final Faults faults;
    private final WorldSeal seal;
    private final Clock clock;
    private final MigrationPlan plan;

    SimulatedHeroku(WorldStore world, Faults faults, WorldSeal seal, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.seal = seal;
        this.clock = clock;
        this.plan = plan;
    }

    @Override
    public Map<String, String> configVars(String app) {
        outage();
        State state = world.read(SYSTEM, State.class, this::initial);
        Map<String, String> configVars = new TreeMap<>();
        existing(state, app, "Reading the config vars of Heroku app '" + app + "'").configVars
                .forEach((name, kept) -> configVars.put(name, opened(name, kept)));
        return configVars;
    }

    @Override
    public void setConfigVars(String app, Map<String, String> changes) {
        outage();
        if (changes == null || changes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, this::initial, state -> {
            AppState target = existing(state, app, "Changing the config vars "
                    + changes.keySet().stream().sorted().toList() + " of Heroku app '" + app + "'");
            List<String> set = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            new TreeMap<>(changes).forEach((name, value) -> {
                if (value == null) {
                    if (target.configVars.remove(name) != null) {
                        removed.add(name);
                    }
                } else if (!value.equals(opened(name, target.configVars.get(name)))) {
                    target.configVars.put(name, sealed(name, value));
                    set.add(name);
                }
            });
            if (!set.isEmpty() || !removed.isEmpty()) {
                String description = describe(set, removed);
                target.log(now, description);
                target.release(now, description, target.currentSlug());
            }
            return null;
        });
    }

    @Override
    public List<Formation> formation(String app) {
        outage();
        State state = world.read(SYSTEM, State.class, this::initial);
        List<Formation> formation = new ArrayList<>();
        existing(state, app, "Reading the formation of Heroku app '" + app + "'").formation
                .forEach((type, dynos) -> formation.add(new Formation(type, dynos.quantity, dynos.size)));
        return formation;
    }

    @Override
    public Ensured<Formation> scale(String app, String processType, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("A process type runs 0 or more dynos, not " + quantity);
        }
        outage();
        faults.outage(SCALE_FAILS, "Heroku answered 503 Service Unavailable to the formation update");
        Instant now = clock.instant();
        String doing = "Scaling process type '" + processType + "' of Heroku app '" + app + "' to " + quantity
                + " dynos";
        return world.change(SYSTEM, State.class, this::initial, state -> {
            AppState target = existing(state, app, doing);
            Dynos dynos = target.formation.get(processType);
            if (dynos == null) {
                throw new StepFailedException(doing + ": Heroku app '" + app + "' has no process type '"
                        + processType + "' (404 Not Found not_found: Couldn't find that formation.)");
            }
            Formation before = new Formation(processType, dynos.quantity, dynos.size);
            if (dynos.quantity == quantity) {
                return Ensured.alreadyDone(before);
            }
            dynos.quantity = quantity;
            target.log(now, "Scale to " + processType + "=" + quantity);
            return Ensured.changed(before);
        });
    }

    @Override
    public Ensured<Boolean> ensureMaintenance(String app, boolean on) {
        outage();
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            AppState target = existing(state, app, "Turning maintenance mode " + (on ? "on" : "off")
                    + " for Heroku app '" + app + "'");
            if (target.maintenance == on) {
                return Ensured.alreadyDone(on);
            }
            target.maintenance = on;
            target.log(now, (on ? "Enable" : "Disable") + " Maintenance mode");
            return Ensured.changed(on);
        });
    }

    @Override
    public RouterTraffic routerTraffic(String app, Duration window, int lines) {
        RouterLog.check(window, lines);
        outage();
        String doing = "Checking the router traffic of Heroku app '" + app + "'";
        List<String> routerLog = existing(world.read(SYSTEM, State.class, this::initial), app, doing).routerLog;
        Instant now = clock.instant();
        if (faults.trip(VISITORS)) {
            routerLog = world.change(SYSTEM, State.class, this::initial, state -> {
                AppState target = existing(state, app, doing);
                target.routed(visitors(target, now, window));
                return target.routerLog;
            });
        }
        List<String> session = routerLog.subList(Math.max(0, routerLog.size() - lines), routerLog.size());
        return RouterLog.count(session, lines, now, window);
    }

    @Override
    public List<Release> releases(String app, int max) {
        if (max < 1 || max > 1000) {
            throw new IllegalArgumentException("Heroku lists 1 to 1000 releases a page, not " + max);
        }
        outage();
        String doing = "Listing the releases of Heroku app '" + app + "'";
        Instant now = clock.instant();
        if (faults.trip(ZAPPA_MERGED)) {
            world.change(SYSTEM, State.class, this::initial, state -> {
                AppState target = existing(state, app, doing);
                target.deploy(now, "Deploy 9b3e7f1 (Merge branch 'zappa': settings for Lambda)",
                        UUID.nameUUIDFromBytes(("zappa-" + now).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .toString());
                return null;
            });
        }
        List<ReleaseState> all = existing(world.read(SYSTEM, State.class, this::initial), app, doing).releases;
        List<Release> newestFirst = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && newestFirst.size() < max; i--) {
            newestFirst.add(all.get(i).release());
        }
        return newestFirst;
    }

    @Override
    public Release rollbackTo(String app, String release) {
        if (release == null || release.isBlank()) {
            throw new IllegalArgumentException("Rolling back Heroku app '" + app + "' needs a release (v212 or its id)");
        }
        outage();
        Instant now = clock.instant();
        String doing = "Rolling back Heroku app '" + app + "' to release " + release;
        return world.change(SYSTEM, State.class, this::initial, state -> {
            AppState target = existing(state, app, doing);
            ReleaseState to = target.releases.stream()
                    .filter(r -> r.id.equals(release) || r.version.equals(release) || r.version.equals("v" + release))
                    .findFirst()
                    .orElseThrow(() -> new StepFailedException(doing + ": Heroku app '" + app + "' has no release "
                            + release + " (404 Not Found not_found: Couldn't find that release.)"));
            target.configVars = new TreeMap<>(to.configVars);
            target.release(now, "Rollback to " + to.version, to.slug);
            target.log(now, "Rollback to " + to.version);
            return target.releases.get(target.releases.size() - 1).release();
        });
    }

    /**
     * The router answered a request for the app's site: {@code status} as served, {@code code} the
     * router's own (H80 in maintenance, H14 without web dynos) or null when the app answered with
     * {@code bytes}. Logged as Heroku's router logs it; an app Heroku does not have logs nothing.
     */
    public void routerServed(String app, String path, int status, String code, int bytes) {
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, this::initial, state -> {
            AppState target = state.apps.get(app);
            if (target != null) {
                target.routed(List.of(routerLine(now, path, "127.0.0.1", code, 1, status, bytes)));
            }
            return null;
        });
    }

    /** {@value #VISITOR_REQUESTS} visitors spread over the window, answered as the app answers now. */
    private List<String> visitors(AppState app, Instant now, Duration window) {
        Dynos web = app.formation.get("web");
        int dynos = web == null ? 0 : web.quantity;
        String code = app.maintenance ? "H80" : dynos == 0 ? "H14" : null;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < VISITOR_REQUESTS; i++) {
            Instant at = now.minus(window).plus(window.multipliedBy(2L * i + 1).dividedBy(2L * VISITOR_REQUESTS));
            String path = VISITED_PATHS.get(i % VISITED_PATHS.size());
            lines.add(routerLine(at, path, "203.0.113." + (20 + i), code, i % Math.max(1, dynos) + 1,
                    code == null ? 200 : 503, 2400 + 173 * i));
        }
        return lines;
    }

    private String routerLine(Instant at, String path, String fwd, String code, int dyno, int status,
            int bytes) {
        String request = "method=GET path=\"" + path + "\" host=" + plan.domains().old().name()
                + " request_id=" + UUID.randomUUID() + " fwd=\"" + fwd + "\"";
        String served = code == null
                ? "at=info " + request + " dyno=web." + dyno + " connect=0ms service=12ms status="
                        + status + " bytes=" + bytes
                // H80 is not an error, so Heroku logs it at=info; H14 and the others at=error
                : "at=" + ("H80".equals(code) ? "info" : "error") + " code=" + code + " desc=\""
                        + ROUTER_CODES.getOrDefault(code, "") + "\" " + request + " dyno= connect= service= status="
                        + status + " bytes=";
        return RouterLog.TIMESTAMP.format(at.truncatedTo(ChronoUnit.MICROS)) + " heroku[router]: " + served
                + " protocol=https";
    }

    private static String describe(List<String> set, List<String> removed) {
        List<String> parts = new ArrayList<>();
        if (!set.isEmpty()) {
            parts.add("Set " + String.join(", ", set) + " config vars");
        }
        if (!removed.isEmpty()) {
            parts.add("Remove " + String.join(", ", removed) + " config vars");
        }
        return String.join("; ", parts);
    }

    private void outage() {
        faults.outage("heroku.outage", "Heroku answered 503 Service Unavailable");
    }

    private static AppState existing(State state, String app, String doing) {
        AppState found = state.apps.get(app);
        if (found == null) {
            throw new StepFailedException(doing + ": Heroku has no app named '" + app
                    + "' that the token's user can see (404 Not Found not_found: Couldn't find that app.)");
        }
        return found;
    }

    /** What the world view shows of a config var: its value unless the name says it may be a secret. */
    static String shown(String name, String value) {
        return secret(name) ? MASKED : value;
    }

    private static boolean secret(String name) {
        return !KEY_ID_NAME.matcher(name).matches() && SECRET_NAME.matcher(name).find();
    }

    private String sealed(String name, String value) {
        return secret(name) ? seal.seal(value) : value;
    }

    private String opened(String name, String kept) {
        return secret(name) ? seal.open(kept) : kept;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Map<String, Object> apps = new LinkedHashMap<>();
        state.apps.forEach((name, app) -> {
            Map<String, String> configVars = new TreeMap<>();
            app.configVars.forEach((var, value) -> configVars.put(var, shown(var, value)));
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("maintenance", app.maintenance);
            shown.put("formation", app.formation);
            shown.put("configVars", configVars);
            shown.put("release", "v" + app.releaseVersion);
            shown.put("slug", app.currentSlug());
            shown.put("releases", app.releases.stream().map(r -> Map.of("version", r.version, "slug", r.slug,
                    "description", r.description, "at", r.at.toString())).toList());
            shown.put("apiLog", app.apiLog);
            Map<String, Object> routerLog = new LinkedHashMap<>();
            routerLog.put("lines", app.routerLog.size());
            routerLog.put("latest", app.routerLog.subList(Math.max(0, app.routerLog.size() - 10), app.routerLog.size()));
            shown.put("routerLog", routerLog);
            apps.put(name, shown);
        });
        return Map.of("apps", apps);
    }

    private State initial() {
        AppState app = new AppState();
        app.configVars.put("ALLOWED_HOSTS", plan.domains().old().name() + "," + plan.heroku().app() + ".herokuapp.com");
        app.configVars.put(plan.heroku().s3AccessKeyIdVar(), HEROKU_ERA_KEY_ID);
        app.configVars.put(plan.heroku().s3SecretAccessKeyVar(), "rehearsal+heroku+era+secret+0000000000000");
        app.configVars.put("AWS_STORAGE_BUCKET_NAME", plan.buckets().oldMedia());
        app.configVars.put("DATABASE_URL", "postgres://" + plan.name() + ":rehearsal-db-password-1@"
                // the host the rehearsal's RDS gives the instance
                + plan.rds().instanceId().toLowerCase(java.util.Locale.ROOT) + ".c9akciq32lpx." + plan.aws().region()
                + ".rds.amazonaws.com:5432/"
                + plan.name());
        app.configVars.put("DJANGO_SETTINGS_MODULE", plan.name() + ".settings.production");
        app.configVars.put("SECRET_KEY", "rehearsal-django-secret-key-0000000000000000000000");
        app.configVars.put("SENTRY_DSN", "https://0123456789abcdef@o0.ingest.sentry.io/0");
        app.configVars.replaceAll(this::sealed);
        app.releaseVersion = 211;
        app.release(clock.instant(), "Deploy 4d1a0c8", FIRST_SLUG);
        app.formation.put("web", new Dynos(2, DYNO_SIZE));
        app.formation.put("worker", new Dynos(1, DYNO_SIZE));
        String schedulerType = plan.launch().schedulerProcessType();
        if (schedulerType != null && !schedulerType.isBlank()) {
            app.formation.putIfAbsent(schedulerType, new Dynos(1, DYNO_SIZE));
        }
        State state = new State();
        state.apps.put(plan.heroku().app(), app);
        return state;
    }

    static class State {
        Map<String, AppState> apps = new LinkedHashMap<>();
    }

    static class AppState {
        TreeMap<String, String> configVars = new TreeMap<>();
        Map<String, Dynos> formation = new LinkedHashMap<>();
        boolean maintenance;
        int releaseVersion = 212;
        List<ReleaseState> releases = new ArrayList<>();
        List<ApiLogLine> apiLog = new ArrayList<>();
        // as Heroku's router writes them, oldest first
        List<String> routerLog = new ArrayList<>();

        /** A new release: the app's config vars as they are now, and the slug it runs. */
        void release(Instant at, String description, String slug) {
            releaseVersion++;
            releases.add(new ReleaseState("v" + releaseVersion, description, at, slug, configVars));
        }

        void deploy(Instant at, String description, String slug) {
            release(at, description, slug);
            log(at, description);
        }

        String currentSlug() {
            return releases.isEmpty() ? null : releases.get(releases.size() - 1).slug;
        }

        /** Lines into the router's log in time order (their timestamps sort as text); the last 1500 kept. */
        void routed(List<String> lines) {
            routerLog.addAll(lines);
            routerLog.sort(Comparator.comparing(line -> line.substring(0, line.indexOf(' '))));
            if (routerLog.size() > RouterLog.MOST_LINES) {
                routerLog = new ArrayList<>(routerLog.subList(routerLog.size() - RouterLog.MOST_LINES, routerLog.size()));
            }
        }

        /** What the app's log shows as {@code heroku[api]} for a change made through the API. */
        void log(Instant at, String line) {
            apiLog.add(new ApiLogLine(line, at));
        }
    }

    /** One process type's dynos as the document keeps them: {@code formation.<type>.quantity} and {@code .size}. */
    static class Dynos {
        int quantity;
        String size;

        Dynos() {
        }

        Dynos(int quantity, String size) {
            this.quantity = quantity;
            this.size = size;
        }
    }

    static class ApiLogLine {
        String line;
        Instant at;

        ApiLogLine() {
        }

        ApiLogLine(String line, Instant at) {
            this.line = line;
            this.at = at;
        }
    }

    /** A release as the twin keeps it: its config vars (sealed as the app's are) and slug, for a rollback. */
    static class ReleaseState {
        String id;
        String version;
        String description;
        Instant at;
        String slug;
        TreeMap<String, String> configVars = new TreeMap<>();

        ReleaseState() {
        }

        ReleaseState(String version, String description, Instant at, String slug, Map<String, String> configVars) {
            this.id = UUID.nameUUIDFromBytes(("release-" + version + "-" + at).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString();
            this.version = version;
            this.description = description;
            this.at = at;
            this.slug = slug;
            this.configVars = new TreeMap<>(configVars);
        }

        Release release() {
            return new Release(id, Integer.parseInt(version.substring(1)), slug, description, at);
        }
    }
}
