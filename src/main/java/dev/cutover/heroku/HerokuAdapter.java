package dev.cutover.heroku;

import static dev.cutover.http.ApiAnswers.statusOf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.http.HttpApis;
import dev.cutover.step.StepFailedException;
import java.io.IOException;
import java.net.URI;
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
 * message or a log line; their names may.
 */
class HerokuAdapter implements HerokuPort {

    private static final Logger log = LoggerFactory.getLogger(HerokuAdapter.class);

    // as Heroku documents it: MediaType would drop the space before version
    static final String PLATFORM_API_V3 = "application/vnd.heroku+json; version=3";

    private static final ParameterizedTypeReference<Map<String, String>> CONFIG_VARS =
            new ParameterizedTypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient heroku;

    HerokuAdapter(RestClient restClient) {
        this.heroku = restClient;
    }

    /** An adapter for the Platform API at {@code baseUrl} ({@code https://api.heroku.com}). */
    static HerokuAdapter create(URI baseUrl, String bearerToken) {
        RestClient restClient = HttpApis.restClient(baseUrl)
                .defaultHeaders(headers -> {
                    headers.setBearerAuth(bearerToken);
                    headers.set(HttpHeaders.ACCEPT, PLATFORM_API_V3);
                })
                .build();
        return new HerokuAdapter(restClient);
    }

    @Override
    public Map<String, String> configVars(String app) {
        String doing = "Reading the config vars of Heroku app '" + app + "'";
        return exchange(doing, heroku.get().uri("/apps/{app}/config-vars", app), (request, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, app, response, true);
            }
            Map<String, String> vars = response.bodyTo(CONFIG_VARS);
            if (vars == null) {
                throw new HerokuUnavailableException(doing + ": Heroku answered "
                        + statusOf(response.getStatusCode()) + " without a body");
            }
            return vars;
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
                throw refused(doing, app, response, false);
            }
            return null;
        });
        log.info("Changed the config vars {} of Heroku app '{}' in one release", body.names(), app);
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
     * Heroku's error id always shows; its message only for a read, since the answer to a write
     * might repeat what was sent.
     */
    private static RuntimeException refused(String doing, String app, ConvertibleClientHttpResponse response,
            boolean showMessage) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        HerokuError error = errorOf(response);
        String said = statusOf(status) + (error.id() == null ? "" : " " + error.id())
                + (showMessage && error.message() != null ? ": " + error.message() : "");
        return switch (status.value()) {
            case 401 -> new StepFailedException(doing + ": Heroku rejected the token (" + said
                    + "). It may be expired or revoked: give the cutover a valid Heroku API token.");
            case 403 -> new StepFailedException(doing + ": the Heroku token may not do this to app '" + app
                    + "' (" + said + "). Its user needs the deploy and operate permissions on the app.");
            case 404 -> new StepFailedException(doing + ": Heroku has no app named '" + app
                    + "' that the token's user can see (" + said + ")");
            case 429 -> new HerokuUnavailableException(doing + ": Heroku is rate-limiting the token (" + said
                    + "); a later retry gets through");
            default -> status.is5xxServerError()
                    ? new HerokuUnavailableException(doing + ": Heroku answered " + said)
                    : new StepFailedException(doing + ": Heroku refused (" + said + ")");
        };
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
    record HerokuError(String id, String message) {
        static final HerokuError NONE = new HerokuError(null, null);
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
