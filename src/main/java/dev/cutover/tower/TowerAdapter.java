package dev.cutover.tower;

import static java.util.function.Predicate.not;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.cutover.step.StepFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * {@link TowerPort} on the AWX REST API v2. AWX's refusals (4xx, a template that is missing or
 * would ignore what we send) become {@link StepFailedException}s; an AWX that does not answer
 * or answers 5xx becomes a {@link TowerUnavailableException}, which the engine retries.
 */
public class TowerAdapter implements TowerPort {

    private static final Logger log = LoggerFactory.getLogger(TowerAdapter.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_IN_MESSAGE = 1000;

    // AWX wraps job-event data in escapes (ESC[K base64 ESC[nD ESC[K) besides the colour codes
    private static final Pattern ANSI_ESCAPES = Pattern.compile(
            "\u001B\\[K(?:[A-Za-z0-9+/=]+\u001B\\[\\d+D)+\u001B\\[K|\u001B\\[[0-?]*[ -/]*[@-~]");
    private static final String OUTPUT_TOO_LARGE = "Standard Output too large to display";

    private final RestClient awx;

    public TowerAdapter(RestClient restClient) {
        this.awx = restClient;
    }

    /** An adapter for the AWX at {@code baseUrl} (the server, without {@code /api/v2}). */
    public static TowerAdapter create(URI baseUrl, String bearerToken) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                // no h2c upgrade dance with the proxy in front of AWX
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(READ_TIMEOUT);
        RestClient restClient = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> {
                    headers.setBearerAuth(bearerToken);
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                })
                .build();
        return new TowerAdapter(restClient);
    }

    @Override
    public TowerJob launchJob(String templateName, Map<String, Object> extraVars) {
        Map<String, Object> vars = extraVars == null ? Map.of() : extraVars;
        Template template = template(templateName);
        checkLaunchPrompts(template, vars);
        Launched launched = launch(template, vars);
        if (!launched.ignoredFields().isEmpty()) {
            throw ignoredFields(template, launched);
        }
        log.info("Launched AWX job {} from {}", launched.job(), template);
        return launched.towerJob();
    }

    @Override
    public TowerJob job(long jobId) {
        JobDetail job = fetch("Reading AWX job " + jobId,
                awx.get().uri("/api/v2/jobs/{id}/", jobId), JobDetail.class);
        return new TowerJob(job.id(), templateName(job.summaryFields(), job.name()), job.status(),
                job.jobExplanation());
    }

    @Override
    public String jobOutputTail(long jobId, int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, was " + lines);
        }
        String doing = "Reading the output of AWX job " + jobId;
        List<String> tail = outputTail(doing, jobId, "txt", lines);
        // AWX answers txt with a notice above 1 MB; only the download format has such output
        if (tail.size() == 1 && tail.get(0).startsWith(OUTPUT_TOO_LARGE)) {
            tail = outputTail(doing, jobId, "txt_download", lines);
        }
        return String.join("\n", tail);
    }

    private Template template(String templateName) {
        String doing = "Finding AWX job template '" + templateName + "'";
        return exchange(doing, awx.get().uri("/api/v2/job_templates/?name={name}", templateName),
                (request, response) -> {
                    TemplatePage page = bodyOf(doing, request, response, TemplatePage.class);
                    if (page.results().isEmpty()) {
                        throw new StepFailedException(doing + ": AWX at " + request.getURI()
                                + " has no job template of that name that the token's user can see");
                    }
                    if (page.results().size() > 1 || page.count() > 1) {
                        String ids = page.results().stream()
                                .map(found -> String.valueOf(found.id()))
                                .collect(Collectors.joining(", "));
                        throw new StepFailedException(doing + ": AWX at " + request.getURI() + " has "
                                + page.count() + " job templates of that name (ids " + ids
                                + "), likely in different organizations; make the name unique");
                    }
                    return new Template(page.results().get(0).id(), templateName);
                });
    }

    private void checkLaunchPrompts(Template template, Map<String, Object> extraVars) {
        LaunchPrompts prompts = fetch("Reading the launch prompts of " + template,
                awx.get().uri("/api/v2/job_templates/{id}/launch/", template.id()), LaunchPrompts.class);
        String cannotLaunch = "Cannot launch " + template + ": ";
        // a survey takes its own variables even without the prompt; the rest shows in ignored_fields
        if (!extraVars.isEmpty() && !prompts.askVariablesOnLaunch() && !prompts.surveyEnabled()) {
            throw new StepFailedException(cannotLaunch + "AWX would ignore the extra vars "
                    + String.join(", ", extraVars.keySet())
                    + ". Enable \"Prompt on launch\" for Variables on that template.");
        }
        List<String> missing = prompts.variablesNeededToStart().stream()
                .filter(not(extraVars::containsKey))
                .toList();
        if (!missing.isEmpty()) {
            throw new StepFailedException(cannotLaunch + "it needs the variables "
                    + String.join(", ", missing) + " to start, and they are not among the extra vars");
        }
        if (!prompts.passwordsNeededToStart().isEmpty()) {
            throw new StepFailedException(cannotLaunch + "it asks for the passwords "
                    + String.join(", ", prompts.passwordsNeededToStart())
                    + " at launch; store them in the template's credentials instead");
        }
    }

    private Launched launch(Template template, Map<String, Object> extraVars) {
        String doing = "Launching " + template;
        Map<String, Object> body = extraVars.isEmpty() ? Map.of() : Map.of("extra_vars", extraVars);
        RequestHeadersSpec<?> request = awx.post()
                .uri("/api/v2/job_templates/{id}/launch/", template.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
        try {
            return fetch(doing, request, Launched.class);
        } catch (TowerUnavailableException e) {
            throw new TowerUnavailableException(e.getMessage() + ". AWX may have started a job anyway:"
                    + " look at the template's jobs in AWX before retrying", e);
        }
    }

    private StepFailedException ignoredFields(Template template, Launched launched) {
        String fields = launched.ignoredFields().entrySet().stream()
                .map(TowerAdapter::describeIgnored)
                .collect(Collectors.joining(", "));
        String message = "AWX ignored " + fields + " when launching " + template + " as job "
                + launched.job() + ", so it would not run as asked. Enable \"Prompt on launch\" for "
                + "them on that template. ";
        try {
            cancel(launched.job());
            return new StepFailedException(message + "Job " + launched.job() + " was cancelled.");
        } catch (RuntimeException cancelFailed) {
            return new StepFailedException(message + "Cancelling job " + launched.job()
                    + " failed too; cancel it in AWX by hand. " + cancelFailed.getMessage(), cancelFailed);
        }
    }

    // names only: the values may be anything the plan sent
    private static String describeIgnored(Map.Entry<String, Object> field) {
        if (field.getValue() instanceof Map<?, ?> vars && !vars.isEmpty()) {
            return field.getKey() + " (" + vars.keySet().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return field.getKey();
    }

    private void cancel(long jobId) {
        String doing = "Cancelling AWX job " + jobId;
        exchange(doing, awx.post().uri("/api/v2/jobs/{id}/cancel/", jobId), (request, response) -> {
            // 405: the job has already finished, nothing left to cancel
            if (!response.getStatusCode().is2xxSuccessful()
                    && response.getStatusCode().value() != HttpStatus.METHOD_NOT_ALLOWED.value()) {
                throw refused(doing, request, response);
            }
            return null;
        });
    }

    private List<String> outputTail(String doing, long jobId, String format, int lines) {
        RequestHeadersSpec<?> request = awx.get()
                .uri("/api/v2/jobs/{id}/stdout/?format={format}", jobId, format)
                // the format is negotiated too: with only application/json AWX answers 406
                .accept(MediaType.TEXT_PLAIN);
        return exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, sent, response);
            }
            Deque<String> tail = new ArrayDeque<>(lines);
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.getBody(), charsetOf(response)))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String text = ANSI_ESCAPES.matcher(line).replaceAll("").stripTrailing();
                    if (text.isBlank()) {
                        continue;
                    }
                    if (tail.size() == lines) {
                        tail.removeFirst();
                    }
                    tail.addLast(text);
                }
            }
            return List.copyOf(tail);
        });
    }

    private <T> T fetch(String doing, RequestHeadersSpec<?> request, Class<T> type) {
        return exchange(doing, request, (sent, response) -> bodyOf(doing, sent, response, type));
    }

    private <T> T exchange(String doing, RequestHeadersSpec<?> request,
            RequestHeadersSpec.ExchangeFunction<T> read) {
        try {
            return request.exchange(read);
        } catch (ResourceAccessException e) {
            throw new TowerUnavailableException(doing + ": AWX did not answer: " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw new TowerUnavailableException(doing + ": AWX's answer could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static <T> T bodyOf(String doing, HttpRequest request, ConvertibleClientHttpResponse response,
            Class<T> type) throws IOException {
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw refused(doing, request, response);
        }
        T body = response.bodyTo(type);
        if (body == null) {
            throw new TowerUnavailableException(doing + ": AWX answered " + statusOf(response.getStatusCode())
                    + " without a body at " + request.getURI());
        }
        return body;
    }

    private static RuntimeException refused(String doing, HttpRequest request,
            ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String body = textOf(response);
        String said = body.isEmpty() ? statusOf(status) : statusOf(status) + ": " + body;
        return switch (status.value()) {
            case 401 -> new StepFailedException(doing + ": AWX rejected the token (" + said
                    + "). It may be expired or revoked: give the cutover a valid AWX token.");
            case 403 -> new StepFailedException(doing + ": the AWX token lacks permission (" + said
                    + "). A read-scoped token cannot launch: the cutover needs a write-scoped token"
                    + " of a user who may execute the template.");
            case 404 -> new StepFailedException(doing + ": AWX has nothing at " + request.getURI()
                    + " (" + said + ")");
            default -> status.is5xxServerError()
                    ? new TowerUnavailableException(doing + ": AWX answered " + said)
                    : new StepFailedException(doing + ": AWX refused (" + said + ") at "
                            + request.getURI());
        };
    }

    private static String statusOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? String.valueOf(status.value()) : known.value() + " " + known.getReasonPhrase();
    }

    private static String textOf(ConvertibleClientHttpResponse response) throws IOException {
        String text = StreamUtils.copyToString(response.getBody(), charsetOf(response)).strip()
                .replaceAll("\\s+", " ");
        return text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "…" : text;
    }

    private static Charset charsetOf(ConvertibleClientHttpResponse response) {
        return Optional.ofNullable(response.getHeaders().getContentType())
                .map(MediaType::getCharset)
                .orElse(StandardCharsets.UTF_8);
    }

    private static String templateName(SummaryFields summaryFields, String jobName) {
        return Optional.ofNullable(summaryFields)
                .map(SummaryFields::jobTemplate)
                .map(TemplateSummary::name)
                .orElse(jobName);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    record Template(long id, String name) {
        @Override
        public String toString() {
            return "AWX job template '" + name + "' (id " + id + ")";
        }
    }

    record TemplatePage(int count, List<TemplateSummary> results) {
        TemplatePage {
            results = orEmpty(results);
        }
    }

    record TemplateSummary(long id, String name) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LaunchPrompts(boolean askVariablesOnLaunch, boolean surveyEnabled,
            List<String> variablesNeededToStart, List<String> passwordsNeededToStart) {
        LaunchPrompts {
            variablesNeededToStart = orEmpty(variablesNeededToStart);
            passwordsNeededToStart = orEmpty(passwordsNeededToStart);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Launched(long job, Map<String, Object> ignoredFields, String name, String status,
            String jobExplanation, SummaryFields summaryFields) {
        Launched {
            ignoredFields = ignoredFields == null ? Map.of() : new LinkedHashMap<>(ignoredFields);
        }

        TowerJob towerJob() {
            return new TowerJob(job, templateName(summaryFields, name), status, jobExplanation);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record JobDetail(long id, String name, String status, String jobExplanation, SummaryFields summaryFields) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SummaryFields(TemplateSummary jobTemplate) {}
}
