package dev.cutover.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cutover.heroku.SimulatedHeroku;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Where the rehearsal's two sites are served from, as a visitor finds out. www answers from Lambda
 * (API Gateway behind CloudFront) once the Zappa deploy has succeeded and the custom domain has
 * started answering, {@code cutover.rehearsal.site-appears-after} later; before that CloudFront
 * refuses a domain none of its distributions serves yet (403, no API Gateway headers). The Heroku
 * site answers as the app in the {@code heroku} document is: the app, the maintenance page, or
 * H14's application error without web dynos, and every answer goes into the app's router log
 * ({@link SimulatedHeroku#routerServed}). The fault {@code sites.www-late} makes the next
 * Zappa deploy leave www unanswered for good.
 *
 * <p>Once www serves Lambda, its health path and pages answer Django's plain 500 while the app
 * cannot log in to its database: the instance is resetting its master credentials, or its
 * password (the {@code rds} document's fingerprint) is no longer the one in the Lambda's database
 * URL (the {@code lambda} document's). Each request to www notes an outage starting (the first one
 * that finds it failing) or ending (the first one that finds it answering again): the downtime
 * visitors saw, the world's own measure of a password change.
 */
@Component
@Profile("rehearsal")
public class SimulatedHosting implements WorldPart {

    static final String SYSTEM = "hosting";
    static final String HEROKU_SYSTEM = "heroku";
    static final String RDS_SYSTEM = "rds";
    static final String LAMBDA_SYSTEM = "lambda";
    static final int OUTAGES_KEPT = 10;
    static final String WWW_LATE = "sites.www-late";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final String CLOUDFRONT_VIA = "1.1 3f2b8c1e5d7a9b0c4e6f8a1b2c3d4e5f.cloudfront.net (CloudFront)";
    private static final String CLOUDFRONT_POP = "SFO53-P2";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final RehearsalSettings settings;
    private final String herokuApp;
    private final SimulatedHeroku herokuRouter;
    private final String databaseInstance;
    private final String lambdaFunction;

    SimulatedHosting(WorldStore world, Faults faults, Clock clock, RehearsalSettings settings, MigrationPlan plan,
            SimulatedHeroku herokuRouter) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.settings = settings;
        this.herokuApp = plan.heroku().app();
        this.herokuRouter = herokuRouter;
        this.databaseInstance = plan.rds().instanceId();
        this.lambdaFunction = plan.lambda().functionName();
    }

    /**
     * The rehearsal's AWX launched the Zappa deploy, which will succeed at {@code succeedsAt}: www
     * starts answering from Lambda {@code site-appears-after} later, unless {@value #WWW_LATE} is armed.
     */
    public void zappaDeployLaunched(Instant succeedsAt) {
        boolean late = faults.trip(WWW_LATE);
        world.change(SYSTEM, State.class, State::new, state -> {
            Deploy deploy = new Deploy(succeedsAt, late ? null : succeedsAt.plus(settings.siteAppearsAfter()));
            state.deploys.add(deploy);
            if (deploy.siteAppearsAt != null
                    && (state.lambdaLiveAt == null || deploy.siteAppearsAt.isBefore(state.lambdaLiveAt))) {
                state.lambdaLiveAt = deploy.siteAppearsAt;
            }
            return null;
        });
    }

    boolean wwwServesLambda() {
        Instant liveAt = world.read(SYSTEM, State.class, State::new).lambdaLiveAt;
        return liveAt != null && !clock.instant().isBefore(liveAt);
    }

    ResponseEntity<String> wwwHealth() {
        if (!wwwServesLambda()) {
            return cloudFrontRefusal();
        }
        if (!wwwAppAnswers()) {
            return djangoServerError();
        }
        return ResponseEntity.ok().headers(lambdaHeaders()).contentType(HTML).body("ok");
    }

    /** Django's 500, for a page of www served by Lambda while the app cannot log in to its database. */
    Optional<ResponseEntity<String>> wwwServerError() {
        if (!wwwServesLambda() || wwwAppAnswers()) {
            return Optional.empty();
        }
        return Optional.of(djangoServerError());
    }

    /**
     * Whether the app on Lambda can log in to its database now. A missing {@code rds} document is
     * the database as deployed (an instance missing from it, none to log in to); a missing
     * {@code lambda} document, or no fingerprint in it, is the app with the password it was deployed
     * with, which a changed database password no longer matches.
     */
    boolean databaseConnects() {
        JsonNode rds = world.read(RDS_SYSTEM, JsonNode.class, MissingNode::getInstance);
        if (rds.isMissingNode()) {
            return true;
        }
        JsonNode instance = rds.path("instances").path(databaseInstance);
        Instant from = instance.isMissingNode() ? null : canLogInFrom(instance);
        return from != null && !clock.instant().isBefore(from);
    }

    /**
     * From when the app can log in to the instance: once RDS is done resetting its credentials and,
     * after a password change, once the Lambda holds the same password (a deploy that brings it
     * counts from its success); null while it holds another.
     */
    private Instant canLogInFrom(JsonNode instance) {
        String resettingUntil = instance.path("resettingCredentialsUntil").textValue();
        Instant resetEnds = resettingUntil == null ? Instant.EPOCH : Instant.parse(resettingUntil);
        String databasePassword = instance.path("passwordFingerprint").textValue();
        if (databasePassword == null) {
            return resetEnds;
        }
        JsonNode function = world.read(LAMBDA_SYSTEM, JsonNode.class, MissingNode::getInstance).path("functions")
                .path(lambdaFunction);
        if (!databasePassword.equals(function.path("databasePasswordFingerprint").textValue())) {
            return null;
        }
        String setAt = function.path("databasePasswordSetAt").textValue();
        Instant repointed = setAt == null ? Instant.EPOCH : Instant.parse(setAt);
        return repointed.isAfter(resetEnds) ? repointed : resetEnds;
    }

    /**
     * The last password change's downtime as the world knows it: from the change on RDS until the
     * app could log in again (RDS done resetting and the Lambda holding the same password); null
     * before any change. Visitors' {@code outages} show only what requests saw.
     */
    Map<String, Object> passwordChangeDowntime() {
        JsonNode instance = world.read(RDS_SYSTEM, JsonNode.class, MissingNode::getInstance).path("instances")
                .path(databaseInstance);
        String changed = instance.path("passwordChangedAt").textValue();
        if (changed == null) {
            return null;
        }
        Instant from = Instant.parse(changed);
        Instant to = canLogInFrom(instance);
        Instant now = clock.instant();
        if (to != null && to.isAfter(now)) {
            to = null;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("from", from.toString());
        shown.put("to", to == null ? null : to.toString());
        shown.put("seconds", Duration.between(from, to == null ? now : to).toMillis() / 1000.0);
        shown.put("what", to == null ? "the app cannot log in to its database yet"
                : "the app could not log in to its database: RDS resetting its credentials, then the Lambda"
                        + " still on the old password");
        return shown;
    }

    /** A visitor's request to www, served by Lambda: whether the app answers; an outage starts or ends here. */
    private boolean wwwAppAnswers() {
        boolean connects = databaseConnects();
        boolean failingBefore = world.read(SYSTEM, State.class, State::new).outageFrom != null;
        if (failingBefore == !connects) {
            return connects;
        }
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, State::new, state -> {
            if (!connects && state.outageFrom == null) {
                state.outageFrom = now;
            } else if (connects && state.outageFrom != null) {
                state.outages.add(new Outage(state.outageFrom, now));
                state.outageFrom = null;
                if (state.outages.size() > OUTAGES_KEPT) {
                    state.outages.subList(0, state.outages.size() - OUTAGES_KEPT).clear();
                }
            }
            return null;
        });
        return connects;
    }

    /** What API Gateway and CloudFront add to every answer from the Lambda; none before it answers. */
    HttpHeaders wwwHeaders() {
        return wwwServesLambda() ? lambdaHeaders() : new HttpHeaders();
    }

    ResponseEntity<String> heroku(String path, String healthPath) {
        HerokuSite site = herokuSite();
        ResponseEntity<String> answer = switch (site) {
            case SERVING -> healthPath.equals(path)
                    ? ResponseEntity.ok().headers(herokuAppHeaders()).contentType(HTML).body("ok")
                    : ResponseEntity.ok().headers(herokuAppHeaders()).contentType(HTML).body(herokuPage());
            case MAINTENANCE -> herokuError(HttpStatus.SERVICE_UNAVAILABLE, "Offline for Maintenance", "offline.html");
            case NO_WEB_DYNOS -> herokuError(HttpStatus.SERVICE_UNAVAILABLE, "Application Error", "application-error.html");
            case NO_SUCH_APP -> herokuError(HttpStatus.NOT_FOUND, "No such app", "no-such-app.html");
        };
        herokuRouter.routerServed(herokuApp, path, answer.getStatusCode().value(), site.routerCode,
                answer.getBody() == null ? 0 : answer.getBody().getBytes(StandardCharsets.UTF_8).length);
        return answer;
    }

    private HerokuSite herokuSite() {
        JsonNode heroku = world.read(HEROKU_SYSTEM, JsonNode.class, MissingNode::getInstance);
        if (heroku.isMissingNode()) {
            return HerokuSite.SERVING;
        }
        JsonNode app = heroku.path("apps").path(herokuApp);
        if (app.isMissingNode()) {
            return HerokuSite.NO_SUCH_APP;
        }
        if (app.path("maintenance").asBoolean(false)) {
            return HerokuSite.MAINTENANCE;
        }
        return app.path("formation").path("web").path("quantity").asInt(0) > 0
                ? HerokuSite.SERVING : HerokuSite.NO_WEB_DYNOS;
    }

    private HttpHeaders lambdaHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.set("x-amz-apigw-id", randomId(12) + "=");
        headers.set("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(clock.instant().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(12)) + ";Sampled=0");
        headers.set("X-Cache", "Miss from cloudfront");
        headers.set("Via", CLOUDFRONT_VIA);
        headers.set("X-Amz-Cf-Pop", CLOUDFRONT_POP);
        return headers;
    }

    /** Django's own page for a 500 when DEBUG is off and the app has no 500.html. */
    private ResponseEntity<String> djangoServerError() {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).headers(lambdaHeaders()).contentType(HTML)
                .body("""
                        <!doctype html>
                        <html lang="en">
                        <head>
                          <title>Server Error (500)</title>
                        </head>
                        <body>
                          <h1>Server Error (500)</h1><p></p>
                        </body>
                        </html>
                        """);
    }

    private static ResponseEntity<String> cloudFrontRefusal() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Server", "CloudFront");
        headers.set("X-Cache", "Error from cloudfront");
        headers.set("Via", CLOUDFRONT_VIA);
        headers.set("X-Amz-Cf-Pop", CLOUDFRONT_POP);
        headers.set("X-Amz-Cf-Id", randomId(42) + "==");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).headers(headers)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.ISO_8859_1))
                .body("""
                        <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
                        <HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">
                        <TITLE>ERROR: The request could not be satisfied</TITLE>
                        </HEAD><BODY>
                        <H1>403 ERROR</H1>
                        <H2>The request could not be satisfied.</H2>
                        <HR noshade size="1px">
                        Bad request.
                        We can't connect to the server for this app or website at this time. There might be too much\
                         traffic or a configuration error. Try again later, or contact the app or website owner.
                        <BR clear="all">
                        <HR noshade size="1px">
                        <PRE>
                        Generated by cloudfront (CloudFront)
                        </PRE>
                        </BODY></HTML>
                        """);
    }

    private static HttpHeaders herokuAppHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Server", "gunicorn");
        headers.set("Via", "1.1 vegur");
        headers.set("X-Frame-Options", "DENY");
        return headers;
    }

    private static String herokuPage() {
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Clear My Record</title></head>
                <body>
                  <h1>Clear your record in California, for free</h1>
                  <p><a href="/apply/">Start your application</a></p>
                </body>
                </html>
                """;
    }

    /** The router's own page: Heroku shows it in an iframe from its CDN. */
    private static ResponseEntity<String> herokuError(HttpStatus status, String title, String page) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Server", "Cowboy");
        headers.set("Via", "1.1 vegur");
        headers.set("Cache-Control", "no-cache, no-store");
        return ResponseEntity.status(status).headers(headers).contentType(HTML).body("""
                <!DOCTYPE html>
                <html>
                  <head>
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <meta charset="utf-8">
                    <title>%s</title>
                    <style media="screen">
                      html,body,iframe { margin: 0; padding: 0; }
                      html,body { height: 100%%; overflow: hidden; }
                      iframe { width: 100%%; height: 100%%; border: 0; }
                    </style>
                  </head>
                  <body>
                    <iframe src="//www.herokucdn.com/error-pages/%s"></iframe>
                  </body>
                </html>
                """.formatted(title, page));
    }

    private static String randomId(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, State::new);
        Instant now = clock.instant();
        boolean live = state.lambdaLiveAt != null && !now.isBefore(state.lambdaLiveAt);
        boolean connects = databaseConnects();
        Map<String, Object> www = new LinkedHashMap<>();
        www.put("servesLambda", live);
        www.put("answers", !live ? "403, CloudFront: the request could not be satisfied"
                : connects ? "200, the app from Lambda (x-amzn-RequestId, x-amz-apigw-id)"
                : "500, Server Error: the app cannot log in to its database");
        www.put("since", live ? state.lambdaLiveAt.toString() : null);
        www.put("expectedFrom", !live && state.lambdaLiveAt != null ? state.lambdaLiveAt.toString() : null);
        List<Map<String, Object>> deploys = new ArrayList<>();
        for (Deploy deploy : state.deploys) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("succeedsAt", deploy.succeedsAt.toString());
            shown.put("siteAppearsAt", deploy.siteAppearsAt == null ? "never (" + WWW_LATE + ")"
                    : deploy.siteAppearsAt.toString());
            deploys.add(shown);
        }
        www.put("zappaDeploys", deploys);
        www.put("databaseConnects", connects);
        List<Map<String, Object>> outages = new ArrayList<>();
        state.outages.forEach(outage -> outages.add(outage.shown(outage.to)));
        if (state.outageFrom != null) {
            outages.add(new Outage(state.outageFrom, null).shown(now));
        }
        www.put("outages", outages);
        www.put("passwordChangeDowntime", passwordChangeDowntime());
        Map<String, Object> heroku = new LinkedHashMap<>();
        heroku.put("app", herokuApp);
        heroku.put("answers", herokuSite().shown);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("www", www);
        view.put("heroku", heroku);
        return view;
    }

    enum HerokuSite {
        SERVING("200, the app (Via: 1.1 vegur)", null),
        MAINTENANCE("503, the maintenance page (H80)", "H80"),
        NO_WEB_DYNOS("503, Application Error: no web dynos running (H14)", "H14"),
        NO_SUCH_APP("404, no such app", null);

        final String shown;
        final String routerCode;

        HerokuSite(String shown, String routerCode) {
            this.shown = shown;
            this.routerCode = routerCode;
        }
    }

    static class State {
        Instant lambdaLiveAt;
        List<Deploy> deploys = new ArrayList<>();
        // the outage going on: from the first request that found www failing
        Instant outageFrom;
        List<Outage> outages = new ArrayList<>();
    }

    /** From the first request that found www failing to the first that found it answering again. */
    static class Outage {
        Instant from;
        Instant to;

        Outage() {
        }

        Outage(Instant from, Instant to) {
            this.from = from;
            this.to = to;
        }

        /** As the world page shows it; one going on shows no end and its seconds so far. */
        Map<String, Object> shown(Instant until) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("from", from.toString());
            shown.put("to", to == null ? null : to.toString());
            shown.put("seconds", Duration.between(from, until).toMillis() / 1000.0);
            return shown;
        }
    }

    static class Deploy {
        Instant succeedsAt;
        Instant siteAppearsAt;

        Deploy() {
        }

        Deploy(Instant succeedsAt, Instant siteAppearsAt) {
            this.succeedsAt = succeedsAt;
            this.siteAppearsAt = siteAppearsAt;
        }
    }
}
