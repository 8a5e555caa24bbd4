package dev.cutover.mailgun;

import static dev.cutover.http.ApiAnswers.statusOf;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.http.ApiAnswers;
import dev.cutover.http.HttpApis;
import dev.cutover.mailgun.EndpointMove.Rewrite;
import dev.cutover.mailgun.MailgunChange.Moved;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;

/**
 * {@link MailgunPort} on Mailgun's REST API v3. Routes belong to the whole account, shared with
 * other apps: only routes forwarding under {@code fromBaseUrl} are touched. A PUT replaces a
 * route's actions and a webhook's URLs, so each is sent whole, with only the moved URLs changed.
 */
class MailgunAdapter implements MailgunPort {

    private static final Logger log = LoggerFactory.getLogger(MailgunAdapter.class);

    static final URI US = URI.create("https://api.mailgun.net");
    static final URI EU = URI.create("https://api.eu.mailgun.net");

    private static final int PAGE_SIZE = 100;
    private static final int MAX_BODY_IN_MESSAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient mailgun;

    MailgunAdapter(RestClient restClient) {
        this.mailgun = restClient;
    }

    /** The API of the account's region: {@code us} or {@code eu}. */
    static URI baseUrlFor(String region) {
        return switch (region) {
            case "us" -> US;
            case "eu" -> EU;
            default -> throw new IllegalArgumentException("Mailgun region must be us or eu, was " + region);
        };
    }

    static MailgunAdapter create(URI baseUrl, String apiKey) {
        RestClient restClient = HttpApis.restClient(baseUrl)
                .defaultHeaders(headers -> {
                    headers.setBasicAuth("api", apiKey, StandardCharsets.UTF_8);
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                })
                .build();
        return new MailgunAdapter(restClient);
    }

    @Override
    public Ensured<MailgunChange> moveEndpoints(String domain, String fromBaseUrl, String toBaseUrl) {
        EndpointMove move = new EndpointMove(fromBaseUrl, toBaseUrl);
        // read first: a wrong domain fails before any account-wide route has changed
        Map<String, List<String>> domainWebhooks = webhooks(domain);
        List<Moved> routes = new ArrayList<>();
        for (Route route : routes()) {
            Rewrite actions = move.actions(route.id(), route.actions());
            if (actions.changed()) {
                updateRoute(route, actions.values());
                routes.addAll(actions.moved());
            }
        }
        List<Moved> webhooks = new ArrayList<>();
        domainWebhooks.forEach((name, urls) -> {
            Rewrite moved = move.urls(name, urls);
            if (moved.changed()) {
                updateWebhook(domain, name, moved.values());
                webhooks.addAll(moved.moved());
            }
        });
        MailgunChange change = new MailgunChange(List.copyOf(routes), List.copyOf(webhooks));
        return change.isEmpty() ? Ensured.alreadyDone(change) : Ensured.changed(change);
    }

    private List<Route> routes() {
        List<Route> all = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE_SIZE) {
            int from = skip;
            RoutePage page = fetch("Listing Mailgun routes from " + from,
                    mailgun.get().uri("/v3/routes?skip={skip}&limit={limit}", from, PAGE_SIZE), RoutePage.class,
                    "routes API at this address");
            List<Route> items = page.items() == null ? List.of() : page.items();
            all.addAll(items);
            if (items.isEmpty() || all.size() >= page.totalCount()) {
                return all;
            }
        }
    }

    private void updateRoute(Route route, List<String> actions) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("priority", String.valueOf(route.priority()));
        form.add("description", route.description() == null ? "" : route.description());
        form.add("expression", route.expression());
        actions.forEach(action -> form.add("action", action));
        String doing = "Updating Mailgun route " + route.id() + " (" + route.expression() + ")";
        send(doing, mailgun.put().uri("/v3/routes/{id}", route.id())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form), "route " + route.id());
        log.info("Mailgun route {} now has the actions {}", route.id(), actions);
    }

    /** Every webhook of the domain with its URLs, whichever shape the account answers in. */
    private Map<String, List<String>> webhooks(String domain) {
        JsonNode body = fetch("Reading the webhooks of Mailgun domain " + domain,
                mailgun.get().uri("/v3/domains/{domain}/webhooks", domain), JsonNode.class, "domain " + domain);
        Map<String, List<String>> webhooks = new LinkedHashMap<>();
        body.path("webhooks").properties().forEach(webhook -> {
            List<String> urls = new ArrayList<>();
            webhook.getValue().path("urls").forEach(url -> urls.add(url.asText()));
            JsonNode single = webhook.getValue().path("url");
            if (single.isTextual() && !urls.contains(single.asText())) {
                urls.add(single.asText());
            }
            webhooks.put(webhook.getKey(), urls);
        });
        return webhooks;
    }

    private void updateWebhook(String domain, String name, List<String> urls) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        urls.forEach(url -> form.add("url", url));
        String doing = "Updating the " + name + " webhook of Mailgun domain " + domain;
        send(doing, mailgun.put().uri("/v3/domains/{domain}/webhooks/{name}", domain, name)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form), "domain " + domain + " or its " + name + " webhook");
        log.info("Mailgun webhook {} of {} now calls {}", name, domain, urls);
    }

    private <T> T fetch(String doing, RequestHeadersSpec<?> request, Class<T> type, String missing) {
        return exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, missing, response);
            }
            T body = response.bodyTo(type);
            if (body == null) {
                throw new MailgunUnavailableException(doing + ": Mailgun answered "
                        + statusOf(response.getStatusCode()) + " without a body");
            }
            return body;
        });
    }

    private void send(String doing, RequestHeadersSpec<?> request, String missing) {
        exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, missing, response);
            }
            return null;
        });
    }

    private <T> T exchange(String doing, RequestHeadersSpec<?> request,
            RequestHeadersSpec.ExchangeFunction<T> read) {
        return HttpApis.exchange(doing, "Mailgun", request, read, MailgunUnavailableException::new);
    }

    private static RuntimeException refused(String doing, String missing, ConvertibleClientHttpResponse response)
            throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String said = said(status, response);
        return switch (status.value()) {
            case 401 -> new StepFailedException(doing + ": Mailgun rejected the API key (" + said
                    + "). Give the cutover the account's private API key for the plan's region.");
            case 403 -> new StepFailedException(doing + ": the API key may not do this (" + said
                    + "). Use the account's private API key, not a domain sending key.");
            case 404 -> new StepFailedException(doing + ": Mailgun has no " + missing + " (" + said + ")");
            case 429 -> new MailgunUnavailableException(doing + ": Mailgun is rate limiting (" + said + ")");
            default -> status.is5xxServerError()
                    ? new MailgunUnavailableException(doing + ": Mailgun answered " + said)
                    : new StepFailedException(doing + ": Mailgun refused (" + said + ")");
        };
    }

    // not ApiAnswers.said: that one strips the message, and shows the whole body for a blank one
    /** The status and Mailgun's own {@code message}, or the start of the body when it has none. */
    private static String said(HttpStatusCode status, ConvertibleClientHttpResponse response) throws IOException {
        String text = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8).strip();
        String message = text;
        if (text.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(text);
                message = json.path("message").isTextual() ? json.path("message").asText() : text;
            } catch (IOException notJson) {
                message = text;
            }
        }
        message = ApiAnswers.excerpt(message, MAX_BODY_IN_MESSAGE);
        return message.isEmpty() ? statusOf(status) : statusOf(status) + ": " + message;
    }

    record RoutePage(@JsonProperty("total_count") int totalCount, List<Route> items) {}

    record Route(String id, int priority, String description, String expression, List<String> actions) {
        Route {
            actions = actions == null ? List.of() : actions;
        }
    }
}
