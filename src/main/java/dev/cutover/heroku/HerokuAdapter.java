package dev.cutover.heroku;

import static dev.cutover.http.ApiAnswers.statusOf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.http.HttpApis;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * {@link HerokuPort} on the Heroku Platform API v3. Refusals (a rejected token, no such app) become
 * {@link StepFailedException}s; no answer, a 5xx or rate limiting becomes a
 * {@link HerokuUnavailableException}, which the engine retries. Config var values never appear in a
 * message or a log line; their names may. Nor does a log session's {@code logplex_url}: it is signed,
 * so it reads the app's logs without the token, and it is fetched without the token, which must never
 * reach another host.
 */
class HerokuAdapter implements HerokuPort {

    private static final Logger log = LoggerFactory.getLogger(HerokuAdapter.class);

    // as Heroku documents it: MediaType would drop the space before version
    static final String PLATFORM_API_V3 = "application/vnd.heroku+json; version=3";

    private static final ParameterizedTypeReference<Map<String, String>> CONFIG_VARS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<FormationAnswer>> FORMATIONS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<ReleaseAnswer>> RELEASES =
            new ParameterizedTypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOG_SESSION_READ_TIMEOUT = Duration.ofSeconds(30);

    private final RestClient heroku;
    private final RestClient logplex;
    private final Clock clock;

    /** {@code logplex} fetches a log session's signed URL: it must carry no token. */
    HerokuAdapter(RestClient restClient, RestClient logplex, Clock clock) {
        this.heroku = restClient;
        this.logplex = logplex;
        this.clock = clock;
    }

    /** An adapter for the Platform API at {@code baseUrl} ({@code https://api.heroku.com}). */
    static HerokuAdapter create(URI baseUrl, String bearerToken, Clock clock) {
        RestClient restClient = HttpApis.restClient(baseUrl)
                .defaultHeaders(headers -> {
                    headers.setBearerAuth(bearerToken);
                    headers.set(HttpHeaders.ACCEPT, PLATFORM_API_V3);
                })
                .build();
        RestClient logplex = RestClient.builder()
                .requestFactory(HttpApis.requestFactory(LOG_SESSION_READ_TIMEOUT))
                .build();
        return new HerokuAdapter(restClient, logplex, clock);
    }

    @Override
    public Map<String, String> configVars(String app) {
        String doing = "Reading the config vars of Heroku app '" + app + "'";
        return exchange(doing, heroku.get().uri("/apps/{app}/config-vars", app), (request, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, app, null, response, true);
            }
            return bodyOf(doing, response, response.bodyTo(CONFIG_VARS));
        });
    }

    @Override
    public void setConfigVars(String app, Map<String, String> changes) {
        if (changes == null || changes.isEmpty()) {
            return;
        }
        ConfigVarChanges body = new ConfigVarChanges(changes);
        String doing = "Changing the config vars " + body.names() + " of Heroku app '" + app + "'";
        RequestHeadersSpec<?> request = heroku.patch()
                .uri("/apps/{app}/config-vars", app)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
        exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, app, null, response, false);
            }
            return null;
        });
        log.info("Changed the config vars {} of Heroku app '{}' in one release", body.names(), app);
    }

    @Override
    public List<Formation> formation(String app) {
        String doing = "Reading the formation of Heroku app '" + app + "'";
        List<FormationAnswer> answer = send(doing, app, null, heroku.get().uri("/apps/{app}/formation", app),
                (request, response) -> bodyOf(doing, response, response.bodyTo(FORMATIONS)));
        return answer.stream().map(FormationAnswer::formation).toList();
    }

    @Override
    public Ensured<Formation> scale(String app, String processType, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("A process type runs 0 or more dynos, not " + quantity);
        }
        String doing = "Scaling process type '" + processType + "' of Heroku app '" + app + "' to " + quantity
                + " dynos";
        Formation before = send(doing, app, processType,
                heroku.get().uri("/apps/{app}/formation/{type}", app, processType),
                (request, response) -> bodyOf(doing, response, response.bodyTo(FormationAnswer.class)).formation());
        if (before.quantity() == quantity) {
            return Ensured.alreadyDone(before);
        }
        send(doing, app, processType, heroku.patch()
                .uri("/apps/{app}/formation/{type}", app, processType)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", quantity)), (request, response) -> null);
        log.info("Scaled process type '{}' of Heroku app '{}' from {} to {} dynos", processType, app,
                before.quantity(), quantity);
        return Ensured.changed(before);
    }

    @Override
    public Ensured<Boolean> ensureMaintenance(String app, boolean on) {
        String doing = "Turning maintenance mode " + (on ? "on" : "off") + " for Heroku app '" + app + "'";
        AppInfo info = send(doing, app, null, heroku.get().uri("/apps/{app}", app),
                (request, response) -> bodyOf(doing, response, response.bodyTo(AppInfo.class)));
        if (info.maintenance() == null) {
            throw new HerokuUnavailableException(doing + ": Heroku's app info did not say whether it is in"
                    + " maintenance");
        }
        if (info.maintenance() == on) {
            return Ensured.alreadyDone(on);
        }
        send(doing, app, null, heroku.patch()
                .uri("/apps/{app}", app)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("maintenance", on)), (request, response) -> null);
        log.info("Turned maintenance mode {} for Heroku app '{}'", on ? "on" : "off", app);
        return Ensured.changed(on);
    }

    @Override
    public RouterTraffic routerTraffic(String app, Duration window, int lines) {
        RouterLog.check(window, lines);
        String doing = "Checking the router traffic of Heroku app '" + app + "'";
        RequestHeadersSpec<?> open = heroku.post()
                .uri("/apps/{app}/log-sessions", app)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new LogSessionRequest("router", "heroku", lines, false));
        LogSession session;
        try {
            session = open.exchange((request, response) -> {
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw refused(doing, app, null, response, true);
                }
                return bodyOf(doing, response, response.bodyTo(LogSession.class));
            });
        } catch (ResourceAccessException e) {
            throw new HerokuUnavailableException(doing + ": Heroku did not answer: " + e.getMessage(), e);
        } catch (RestClientException e) {
            // without the cause: its message might quote the answer, and with it the signed URL
            throw new HerokuUnavailableException(doing + ": Heroku's answer could not be read ("
                    + rootCause(e).getClass().getSimpleName() + ")");
        }
        List<String> read = readLogSession(doing, session);
        RouterTraffic traffic = RouterLog.count(read, lines, clock.instant(), window);
        log.info("Heroku app '{}' router traffic: {}", app, traffic.summary());
        return traffic;
    }

    @Override
    public List<Release> releases(String app, int max) {
        if (max < 1 || max > 1000) {
            throw new IllegalArgumentException("Heroku lists 1 to 1000 releases a page, not " + max);
        }
        String doing = "Listing the releases of Heroku app '" + app + "'";
        List<ReleaseAnswer> answer = send(doing, app, null, heroku.get().uri("/apps/{app}/releases", app)
                        .header("Range", "version ..; order=desc, max=" + max),
                (request, response) -> bodyOf(doing, response, response.bodyTo(RELEASES)));
        return answer.stream().map(ReleaseAnswer::release).toList();
    }

    @Override
    public Release rollbackTo(String app, String release) {
        if (release == null || release.isBlank()) {
            throw new IllegalArgumentException("Rolling back Heroku app '" + app + "' needs a release (v212 or its id)");
        }
        String target = release.startsWith("v") ? release.substring(1) : release;
        String doing = "Rolling back Heroku app '" + app + "' to release " + release;
        Release made = send(doing, app, null, heroku.post()
                .uri("/apps/{app}/releases", app)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("release", target)),
                (request, response) -> bodyOf(doing, response, response.bodyTo(ReleaseAnswer.class)).release());
        log.info("Rolled back Heroku app '{}' to release {}: now {}", app, release, made.label());
        return made;
    }

    /**
     * The log session's lines. Whatever goes wrong, the message names neither the URL nor the
     * exception that would quote it; a retry opens a new session.
     */
    private List<String> readLogSession(String doing, LogSession session) {
        URI logplexUrl = null;
        try {
            logplexUrl = session.logplexUrl() == null ? null : URI.create(session.logplexUrl());
        } catch (IllegalArgumentException notAUrl) {
            // said below, without the exception that quotes it
        }
        if (logplexUrl == null || !logplexUrl.isAbsolute()) {
            throw new HerokuUnavailableException(doing + ": Heroku opened a log session without a usable"
                    + " logplex_url");
        }
        try {
            return logplex.get().uri(logplexUrl).exchange((request, response) -> {
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw new HerokuUnavailableException(doing + ": the log session answered "
                            + statusOf(response.getStatusCode()) + " instead of its lines; a retry opens a new one");
                }
                List<String> lines = new ArrayList<>();
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                }
                return lines;
            });
        } catch (ResourceAccessException e) {
            throw new HerokuUnavailableException(doing + ": the log session did not answer or broke off ("
                    + rootCause(e).getClass().getSimpleName() + "); a retry opens a new one");
        } catch (RestClientException e) {
            throw new HerokuUnavailableException(doing + ": the log session's answer could not be read ("
                    + rootCause(e).getClass().getSimpleName() + "); a retry opens a new one");
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A request that holds no secret: its 2xx answer read with {@code read}, any other refused with Heroku's words. */
    private static <T> T send(String doing, String app, String processType, RequestHeadersSpec<?> request,
            RequestHeadersSpec.ExchangeFunction<T> read) {
        return HttpApis.exchange(doing, "Heroku", request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, app, processType, response, true);
            }
            return read.exchange(sent, response);
        }, HerokuUnavailableException::new);
    }

    private static <T> T bodyOf(String doing, ConvertibleClientHttpResponse response, T body) throws IOException {
        if (body == null) {
            throw new HerokuUnavailableException(doing + ": Heroku answered "
                    + statusOf(response.getStatusCode()) + " without a body");
        }
        return body;
    }

    // not HttpApis.exchange: the message of an unreadable answer may quote config var values from it
    private <T> T exchange(String doing, RequestHeadersSpec<?> request, RequestHeadersSpec.ExchangeFunction<T> read) {
        try {
            return request.exchange(read);
        } catch (ResourceAccessException e) {
            throw new HerokuUnavailableException(doing + ": Heroku did not answer: " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw new HerokuUnavailableException(doing + ": Heroku's answer could not be read", e);
        }
    }

    /**
     * Heroku's error id always shows; its message only when what was sent holds no secret, since
     * the answer to a write might repeat it. A 404 about a process type (a {@code formation}) names
     * the type, any other the app.
     */
    private static RuntimeException refused(String doing, String app, String processType,
            ConvertibleClientHttpResponse response, boolean showMessage) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        HerokuError error = errorOf(response);
        String said = statusOf(status) + (error.id() == null ? "" : " " + error.id())
                + (showMessage && error.message() != null ? ": " + error.message() : "");
        return switch (status.value()) {
            case 401 -> new StepFailedException(doing + ": Heroku rejected the token (" + said
                    + "). It may be expired or revoked: give the cutover a valid Heroku API token.");
            case 403 -> new StepFailedException(doing + ": the Heroku token may not do this to app '" + app
                    + "' (" + said + "). Its user needs the deploy and operate permissions on the app.");
            case 404 -> new StepFailedException(doing + ": " + notFound(app, processType, error) + " (" + said + ")");
            case 429 -> new HerokuUnavailableException(doing + ": Heroku is rate-limiting the token (" + said
                    + "); a later retry gets through");
            default -> status.is5xxServerError()
                    ? new HerokuUnavailableException(doing + ": Heroku answered " + said)
                    : new StepFailedException(doing + ": Heroku refused (" + said + ")");
        };
    }

    private static String notFound(String app, String processType, HerokuError error) {
        if (processType == null || "app".equals(error.resource())) {
            return "Heroku has no app named '" + app + "' that the token's user can see";
        }
        if ("formation".equals(error.resource())) {
            return "Heroku app '" + app + "' has no process type '" + processType + "'";
        }
        return "Heroku has no app named '" + app + "' with a process type '" + processType
                + "' that the token's user can see";
    }

    private static HerokuError errorOf(ConvertibleClientHttpResponse response) {
        try {
            HerokuError error = JSON.readValue(response.getBody().readAllBytes(), HerokuError.class);
            return error == null ? HerokuError.NONE : error;
        } catch (IOException | RuntimeException notHerokusShape) {
            return HerokuError.NONE;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HerokuError(String id, String message, String resource) {
        static final HerokuError NONE = new HerokuError(null, null, null);
    }

    /** A formation as Heroku answers it; {@code size} is the older field, {@code dyno_size.name} the newer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FormationAnswer(String type, int quantity, String size, @JsonProperty("dyno_size") DynoSize dynoSize) {

        Formation formation() {
            return new Formation(type, quantity, size != null || dynoSize == null ? size : dynoSize.name());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DynoSize(String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppInfo(Boolean maintenance) {}

    /** A release as Heroku answers it: {@code slug} is null for a release without code (the first ones). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReleaseAnswer(String id, int version, SlugAnswer slug, String description,
            @JsonProperty("created_at") java.time.Instant createdAt) {

        Release release() {
            return new Release(id, version, slug == null ? null : slug.id(), description, createdAt);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SlugAnswer(String id) {}

    /** The router's lines already logged, not a tail: {@code tail} false. */
    record LogSessionRequest(String dyno, String source, int lines, boolean tail) {}

    /** Heroku's answer to a new log session; its signed URL is withheld wherever it is shown. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogSession(@JsonProperty("logplex_url") String logplexUrl) {

        @Override
        public String toString() {
            return "LogSession[logplex_url withheld]";
        }
    }

    /** The PATCH body: a null value removes the var. Shown without values wherever it is logged. */
    record ConfigVarChanges(@JsonValue Map<String, String> vars) {

        List<String> names() {
            return vars.keySet().stream().sorted().toList();
        }

        @Override
        public String toString() {
            return "ConfigVarChanges" + names() + " (values withheld)";
        }
    }
}
