package dev.cutover.pingdom;

import static dev.cutover.http.ApiAnswers.statusOf;

import dev.cutover.http.ApiAnswers;
import dev.cutover.http.HttpApis;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;

/**
 * {@link PingdomPort} on the Pingdom API 3.1. Checks are found by name, read in detail, and
 * created or corrected with JSON bodies (the API's documented form). Pingdom's refusals become
 * {@link StepFailedException}s; a Pingdom that does not answer, answers 5xx or is over its request
 * limit becomes a {@link PingdomUnavailableException}, which the engine retries.
 */
class PingdomAdapter implements PingdomPort {

    private static final Logger log = LoggerFactory.getLogger(PingdomAdapter.class);

    private static final int MAX_BODY_IN_MESSAGE = 500;
    private static final int HTTPS_PORT = 443;
    private static final String HTTP_TYPE = "http";
    private static final String TAG = "cutover";

    private final RestClient pingdom;

    PingdomAdapter(RestClient restClient) {
        this.pingdom = restClient;
    }

    /** An adapter for the Pingdom API at {@code baseUrl} (with its {@code /api/3.1}). */
    static PingdomAdapter create(URI baseUrl, String apiToken) {
        RestClient restClient = HttpApis.restClient(baseUrl)
                .defaultHeaders(headers -> {
                    headers.setBearerAuth(apiToken.strip());
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                })
                .build();
        return new PingdomAdapter(restClient);
    }

    @Override
    public Ensured<PingdomCheck> ensureHttpCheck(String name, String host, String path) {
        Watch wanted = new Watch(host.toLowerCase(Locale.ROOT), path, true, HTTPS_PORT);
        List<CheckSummary> named = checksNamed(name);
        if (named.isEmpty()) {
            long id = create(name, wanted);
            log.info("Added Pingdom check '{}' (id {}) on {}", name, id, wanted);
            return Ensured.changed(check(id).toPingdomCheck());
        }
        if (named.size() > 1) {
            String ids = named.stream().map(check -> String.valueOf(check.id())).collect(Collectors.joining(", "));
            throw new StepFailedException("Pingdom has " + named.size() + " checks named '" + name + "' (ids " + ids
                    + "), so Cutover cannot tell which one watches the site: delete or rename all but one");
        }
        CheckDetail current = check(named.get(0).id());
        if (!HTTP_TYPE.equals(current.typeName())) {
            throw new StepFailedException("Pingdom check '" + name + "' (id " + current.id() + ") is a "
                    + current.typeName() + " check, and Pingdom cannot change a check's type: delete or rename it"
                    + " so that Cutover adds an http check on " + wanted);
        }
        Map<String, Object> corrections = corrections(current, wanted);
        if (corrections.isEmpty()) {
            return Ensured.alreadyDone(current.toPingdomCheck());
        }
        modify(current, corrections);
        CheckDetail corrected = check(current.id());
        if (!corrections(corrected, wanted).isEmpty()) {
            throw new StepFailedException("Pingdom accepted the change to check '" + name + "' (id " + current.id()
                    + ") but it still watches " + corrected.watch() + " instead of " + wanted);
        }
        log.info("Corrected Pingdom check '{}' (id {}), which watched {} ({}): sent {}", name, current.id(),
                current.watch(), current.status(), corrections);
        return Ensured.changed(corrected.toPingdomCheck());
    }

    private List<CheckSummary> checksNamed(String name) {
        CheckList list = fetch("Listing Pingdom checks to find '" + name + "'", pingdom.get().uri("/checks"),
                CheckList.class);
        return list.checks().stream().filter(check -> name.equals(check.name())).toList();
    }

    private CheckDetail check(long id) {
        CheckEnvelope envelope = fetch("Reading Pingdom check " + id, pingdom.get().uri("/checks/{id}", id),
                CheckEnvelope.class);
        if (envelope.check() == null) {
            throw new PingdomUnavailableException("Reading Pingdom check " + id + ": Pingdom's answer has no check");
        }
        return envelope.check();
    }

    private long create(String name, Watch wanted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", HTTP_TYPE);
        body.put("host", wanted.host());
        body.put("url", wanted.path());
        body.put("encryption", true);
        body.put("resolution", 1);
        body.put("tags", List.of(TAG));
        String doing = "Adding Pingdom check '" + name + "' on " + wanted;
        RequestHeadersSpec<?> request = pingdom.post().uri("/checks").contentType(MediaType.APPLICATION_JSON).body(body);
        Created created;
        try {
            created = fetch(doing, request, Created.class);
        } catch (PingdomUnavailableException e) {
            throw new PingdomUnavailableException(e.getMessage() + ". Pingdom may have added the check anyway:"
                    + " the retry finds it by name", e);
        }
        if (created.check() == null) {
            throw new PingdomUnavailableException(doing + ": Pingdom's answer names no check");
        }
        return created.check().id();
    }

    private void modify(CheckDetail current, Map<String, Object> corrections) {
        String doing = "Correcting Pingdom check '" + current.name() + "' (id " + current.id() + ")";
        RequestHeadersSpec<?> request = pingdom.put()
                .uri("/checks/{id}", current.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(corrections);
        exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, sent, response);
            }
            return null;
        });
    }

    /** What a PUT must send so that the check watches {@code wanted}; empty when it already does. */
    private static Map<String, Object> corrections(CheckDetail current, Watch wanted) {
        Watch watch = current.watch();
        Map<String, Object> corrections = new LinkedHashMap<>();
        if (!wanted.host().equalsIgnoreCase(Objects.toString(watch.host(), ""))) {
            corrections.put("host", wanted.host());
        }
        if (!wanted.path().equals(watch.path())) {
            corrections.put("url", wanted.path());
        }
        if (!watch.encryption()) {
            corrections.put("encryption", true);
        }
        // an http check switched to encryption keeps its port 80 unless told
        if (watch.port() != null && watch.port() != HTTPS_PORT) {
            corrections.put("port", HTTPS_PORT);
        }
        if ("paused".equals(current.status())) {
            corrections.put("paused", false);
        }
        return corrections;
    }

    private <T> T fetch(String doing, RequestHeadersSpec<?> request, Class<T> type) {
        return exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, sent, response);
            }
            T body = response.bodyTo(type);
            if (body == null) {
                throw new PingdomUnavailableException(doing + ": Pingdom answered "
                        + statusOf(response.getStatusCode()) + " without a body");
            }
            return body;
        });
    }

    private static <T> T exchange(String doing, RequestHeadersSpec<?> request,
            RequestHeadersSpec.ExchangeFunction<T> read) {
        return HttpApis.exchange(doing, "Pingdom", request, read, PingdomUnavailableException::new);
    }

    private static RuntimeException refused(String doing, HttpRequest request, ConvertibleClientHttpResponse response)
            throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String said = ApiAnswers.said(status, StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8),
                MAX_BODY_IN_MESSAGE, "/error/errormessage");
        return switch (status.value()) {
            case 401 -> new StepFailedException(doing + ": Pingdom rejected the API token (" + said
                    + "). It may be revoked: give Cutover a valid token in CUTOVER_PINGDOM_TOKEN.");
            case 403 -> new StepFailedException(doing + ": the Pingdom API token may not do this (" + said
                    + "). Adding and changing checks needs a token with access level Read/Write.");
            case 429 -> new PingdomUnavailableException(doing + ": Pingdom's request limit is reached (" + said + ")");
            default -> status.is5xxServerError()
                    ? new PingdomUnavailableException(doing + ": Pingdom answered " + said)
                    : new StepFailedException(doing + ": Pingdom refused (" + said + ") at " + request.getMethod()
                            + " " + request.getURI().getPath());
        };
    }

    /** Where an http check looks: {@code https://host/path}. */
    record Watch(String host, String path, boolean encryption, Integer port) {
        @Override
        public String toString() {
            boolean defaultPort = port == null || port == (encryption ? HTTPS_PORT : 80);
            return (encryption ? "https://" : "http://") + host + (defaultPort ? "" : ":" + port) + path;
        }
    }

    record CheckList(List<CheckSummary> checks) {
        CheckList {
            checks = checks == null ? List.of() : checks;
        }
    }

    record CheckSummary(long id, String name, String hostname, String type, String status) {}

    record CheckEnvelope(CheckDetail check) {}

    /** {@code GET /checks/{id}}: its {@code type} is an object with one key, the type's name. */
    record CheckDetail(long id, String name, String hostname, String status, Map<String, TypeDetails> type) {

        String typeName() {
            return type == null || type.isEmpty() ? "unknown" : type.keySet().iterator().next();
        }

        Watch watch() {
            TypeDetails details = type == null ? null : type.get(HTTP_TYPE);
            if (details == null) {
                return new Watch(hostname, "", false, null);
            }
            return new Watch(hostname, details.url() == null ? "" : details.url(),
                    Boolean.TRUE.equals(details.encryption()), details.port());
        }

        PingdomCheck toPingdomCheck() {
            Watch watch = watch();
            return new PingdomCheck(id, name, hostname, watch.path(), watch.encryption(), status);
        }
    }

    record TypeDetails(String url, Boolean encryption, Integer port) {}

    record Created(CreatedCheck check) {}

    record CreatedCheck(long id, String name) {}
}
