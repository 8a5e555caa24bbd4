package dev.cutover.tower;

import static dev.cutover.http.ApiAnswers.statusOf;
import static java.util.function.Predicate.not;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.cutover.aws.iam.AccessKey;
import dev.cutover.http.ApiAnswers;
import dev.cutover.http.HttpApis;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@link TowerPort} on the AWX REST API v2. AWX's refusals (4xx, a template that is missing or
 * would ignore what we send) become {@link StepFailedException}s; an AWX that does not answer
 * or answers 5xx becomes a {@link TowerUnavailableException}, which the engine retries.
 */
public class TowerAdapter implements TowerPort {

    private static final Logger log = LoggerFactory.getLogger(TowerAdapter.class);

    private static final int MAX_BODY_IN_MESSAGE = 1000;

    // AWX wraps job-event data in escapes (ESC[K base64 ESC[nD ESC[K) besides the colour codes
    private static final Pattern ANSI_ESCAPES = Pattern.compile(
            "\u001B\\[K(?:[A-Za-z0-9+/=]+\u001B\\[\\d+D)+\u001B\\[K|\u001B\\[[0-?]*[ -/]*[@-~]");
    private static final String OUTPUT_TOO_LARGE = "Standard Output too large to display";

    private static final String AWS_NAMESPACE = "aws";
    private static final String AWS_TYPE = "\"Amazon Web Services\"";
    // an STS token belongs to the temporary key it came with; kept beside a new key it breaks it
    private static final String STS_TOKEN_INPUT = "security_token";
    private static final ObjectMapper JSON = new ObjectMapper();
    // AWX stamps a job's "created" by its own clock: look a little before ours said
    static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    private static final int JOBS_PER_PAGE = 200;

    private static final ParameterizedTypeReference<Page<Named>> NAMED = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Page<InventoryDetail>> INVENTORIES =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Page<TemplateDetail>> TEMPLATE_DETAILS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Page<CredentialDetail>> CREDENTIALS =
            new ParameterizedTypeReference<>() {};

    private final RestClient awx;

    public TowerAdapter(RestClient restClient) {
        this.awx = restClient;
    }

    /** An adapter for the AWX at {@code baseUrl} (the server, without {@code /api/v2}). */
    public static TowerAdapter create(URI baseUrl, String bearerToken) {
        RestClient restClient = HttpApis.restClient(baseUrl)
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
    public Optional<TowerJob> jobLaunchedWith(String templateName, String marker, Instant since) {
        Template template = template(templateName);
        String doing = "Looking among the jobs of " + template + " for the one launched as " + LAUNCH_MARKER
                + "=" + marker;
        // AWX refuses to filter on extra_vars (they may hold secrets): the template's recent jobs, each read
        String createdSince = since.minus(CLOCK_SKEW).toString();
        for (int page = 1; ; page++) {
            JobPage jobs = fetch(doing, awx.get().uri(
                    "/api/v2/job_templates/{id}/jobs/?created__gte={since}&order_by=id&page_size={size}&page={page}",
                    template.id(), createdSince, JOBS_PER_PAGE, page), JobPage.class);
            for (JobDetail listed : jobs.results()) {
                // newer AWX leaves extra_vars out of lists unless asked: then the job's own page has them
                JobDetail job = listed.extraVars() == null ? jobDetail(listed.id()) : listed;
                if (marker.equals(launchMarkerOf(job.extraVars()))) {
                    log.info("Found AWX job {} of {}, launched as {}={}", job.id(), template, LAUNCH_MARKER, marker);
                    return Optional.of(job.towerJob());
                }
            }
            if (jobs.next() == null || jobs.results().isEmpty()) {
                return Optional.empty();
            }
        }
    }

    private static String launchMarkerOf(String extraVars) {
        try {
            Object parsed = extraVars == null || extraVars.isBlank() ? null
                    : new Yaml(new SafeConstructor(new LoaderOptions())).load(extraVars);
            return parsed instanceof Map<?, ?> vars && vars.get(LAUNCH_MARKER) != null
                    ? vars.get(LAUNCH_MARKER).toString() : null;
        } catch (YAMLException unreadable) {
            return null;
        }
    }

    @Override
    public TowerJob job(long jobId) {
        return jobDetail(jobId).towerJob();
    }

    private JobDetail jobDetail(long jobId) {
        return fetch("Reading AWX job " + jobId, awx.get().uri("/api/v2/jobs/{id}/", jobId), JobDetail.class);
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

    @Override
    public Ensured<Long> ensureInventory(String name, String organization, Map<String, Object> variables) {
        Map<String, Object> wanted = variables == null ? Map.of() : variables;
        String doing = "Ensuring AWX inventory '" + name + "' in organization '" + organization + "'";
        long organizationId = existing(doing, "organization", organization,
                awx.get().uri("/api/v2/organizations/?name={name}", organization), NAMED).id();
        Optional<InventoryDetail> found = findOne(doing,
                awx.get().uri("/api/v2/inventories/?name={name}&organization={id}", name, organizationId),
                INVENTORIES);
        String wantedJson = asJson(wanted);
        if (found.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("organization", organizationId);
            body.put("variables", wantedJson);
            Named created = fetch(doing, awx.post().uri("/api/v2/inventories/")
                    .contentType(MediaType.APPLICATION_JSON).body(body), Named.class);
            log.info("Created AWX inventory '{}' (id {}) in organization '{}'", name, created.id(), organization);
            return Ensured.changed(created.id());
        }
        InventoryDetail inventory = found.get();
        if (sameVariables(inventory.variables(), wanted)) {
            return Ensured.alreadyDone(inventory.id());
        }
        fetch(doing, awx.patch().uri("/api/v2/inventories/{id}/", inventory.id())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("variables", wantedJson)), Named.class);
        log.info("Replaced the variables of AWX inventory '{}' (id {})", name, inventory.id());
        return Ensured.changed(inventory.id());
    }

    @Override
    public Ensured<Long> ensureJobTemplate(String name, String project, String playbook, String inventory) {
        String doing = "Ensuring AWX job template '" + name + "'";
        long projectId = existing(doing, "project", project,
                awx.get().uri("/api/v2/projects/?name={name}", project), NAMED).id();
        long inventoryId = existing(doing, "inventory", inventory,
                awx.get().uri("/api/v2/inventories/?name={name}", inventory), NAMED).id();
        Optional<TemplateDetail> found = findOne(doing,
                awx.get().uri("/api/v2/job_templates/?name={name}", name), TEMPLATE_DETAILS);
        if (found.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("job_type", "run");
            body.put("inventory", inventoryId);
            body.put("project", projectId);
            body.put("playbook", playbook);
            body.put("ask_variables_on_launch", true);
            Named created = fetch(doing, awx.post().uri("/api/v2/job_templates/")
                    .contentType(MediaType.APPLICATION_JSON).body(body), Named.class);
            log.info("Created AWX job template '{}' (id {}) running {} of project '{}'", name, created.id(),
                    playbook, project);
            return Ensured.changed(created.id());
        }
        TemplateDetail template = found.get();
        Map<String, Object> differences = new LinkedHashMap<>();
        if (!Long.valueOf(projectId).equals(template.project())) {
            differences.put("project", projectId);
        }
        if (!playbook.equals(template.playbook())) {
            differences.put("playbook", playbook);
        }
        if (!Long.valueOf(inventoryId).equals(template.inventory())) {
            differences.put("inventory", inventoryId);
        }
        if (!template.askVariablesOnLaunch()) {
            differences.put("ask_variables_on_launch", true);
        }
        if (differences.isEmpty()) {
            return Ensured.alreadyDone(template.id());
        }
        fetch(doing, awx.patch().uri("/api/v2/job_templates/{id}/", template.id())
                .contentType(MediaType.APPLICATION_JSON).body(differences), Named.class);
        log.info("Changed {} of AWX job template '{}' (id {})", differences.keySet(), name, template.id());
        return Ensured.changed(template.id());
    }

    @Override
    public void updateAwsCredential(String credentialName, AccessKey key) {
        String doing = "Putting access key " + key.accessKeyId() + " of IAM user '" + key.userName()
                + "' into AWX credential '" + credentialName + "'";
        CredentialDetail credential = awsCredential(doing, credentialName);
        // AWX keeps a stored secret for every input sent back as $encrypted$
        Map<String, Object> inputs = new LinkedHashMap<>(credential.inputs());
        inputs.remove(STS_TOKEN_INPUT);
        inputs.put("username", key.accessKeyId());
        inputs.put("password", key.secretAccessKey());
        RequestHeadersSpec<?> request = awx.patch().uri("/api/v2/credentials/{id}/", credential.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new CredentialInputs(inputs));
        exchange(doing, request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refusedWithheld(doing, sent, response);
            }
            return null;
        });
        log.info("Put access key {} of IAM user '{}' into AWX credential '{}' (id {})", key.accessKeyId(),
                key.userName(), credentialName, credential.id());
    }

    @Override
    public String awsCredentialKeyId(String credentialName) {
        CredentialDetail credential = awsCredential("Reading the access key id of AWX credential '"
                + credentialName + "'", credentialName);
        Object keyId = credential.inputs().get("username");
        return keyId == null || keyId.toString().isBlank() ? null : keyId.toString();
    }

    private CredentialDetail awsCredential(String doing, String name) {
        long awsType = findOne(doing, awx.get().uri("/api/v2/credential_types/?namespace={ns}", AWS_NAMESPACE), NAMED)
                .orElseThrow(() -> new StepFailedException(doing + ": AWX has no credential type of namespace '"
                        + AWS_NAMESPACE + "' (" + AWS_TYPE + ")"))
                .id();
        Page<CredentialDetail> page = fetch(doing, awx.get().uri("/api/v2/credentials/?name={name}", name),
                CREDENTIALS);
        List<CredentialDetail> aws = page.results().stream()
                .filter(credential -> credential.credentialType() == awsType)
                .toList();
        if (aws.size() > 1) {
            throw new StepFailedException(doing + ": AWX has " + aws.size() + " " + AWS_TYPE
                    + " credentials of that name (ids " + ids(aws) + "), likely in different organizations;"
                    + " make the name unique");
        }
        if (aws.isEmpty() && page.results().isEmpty()) {
            throw new StepFailedException(doing + ": AWX has no credential named '" + name
                    + "' that the token's user can see");
        }
        if (aws.isEmpty()) {
            String types = page.results().stream()
                    .map(credential -> "'" + credential.typeName() + "' (id " + credential.id() + ")")
                    .collect(Collectors.joining(", "));
            throw new StepFailedException(doing + ": AWX credential '" + name + "' is of type " + types
                    + ", not " + AWS_TYPE + ": the plan's tower.aws-credential must name an AWS credential");
        }
        return aws.get(0);
    }

    private <T extends Identified> T existing(String doing, String kind, String name, RequestHeadersSpec<?> request,
            ParameterizedTypeReference<Page<T>> type) {
        return findOne(doing, request, type).orElseThrow(() -> new StepFailedException(doing + ": AWX has no "
                + kind + " named '" + name + "' that the token's user can see"));
    }

    private <T extends Identified> Optional<T> findOne(String doing, RequestHeadersSpec<?> request,
            ParameterizedTypeReference<Page<T>> type) {
        return exchange(doing, request, (sent, response) -> {
            Page<T> page = bodyOf(doing, sent, response, type);
            if (page.results().size() > 1 || page.count() > 1) {
                throw new StepFailedException(doing + ": AWX at " + sent.getURI() + " has " + page.count()
                        + " matches (ids " + ids(page.results()) + "), likely in different organizations;"
                        + " make the name unique");
            }
            return page.results().stream().findFirst();
        });
    }

    private static String ids(List<? extends Identified> found) {
        return found.stream().map(one -> String.valueOf(one.id())).collect(Collectors.joining(", "));
    }

    private static String asJson(Map<String, Object> variables) {
        try {
            return JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the inventory variables cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    // AWX keeps the text as entered, YAML or JSON: compare what it means
    private static boolean sameVariables(String stored, Map<String, Object> wanted) {
        try {
            Object parsed = stored == null || stored.isBlank() ? null
                    : new Yaml(new SafeConstructor(new LoaderOptions())).load(stored);
            return normalised(parsed == null ? Map.of() : parsed).equals(normalised(wanted));
        } catch (YAMLException | IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static JsonNode normalised(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
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
        List<String> problems = promptProblems(template, extraVars.keySet());
        if (!problems.isEmpty()) {
            throw new StepFailedException("Cannot launch " + template + ": " + String.join("; ", problems));
        }
    }

    @Override
    public List<String> launchProblems(String templateName, Set<String> extraVarNames) {
        Template template;
        try {
            template = template(templateName);
        } catch (StepFailedException missingOrTwice) {
            return List.of(missingOrTwice.getMessage());
        }
        return promptProblems(template, extraVarNames).stream().map(problem -> template + ": " + problem).toList();
    }

    private List<String> promptProblems(Template template, Set<String> extraVarNames) {
        LaunchPrompts prompts = fetch("Reading the launch prompts of " + template,
                awx.get().uri("/api/v2/job_templates/{id}/launch/", template.id()), LaunchPrompts.class);
        List<String> problems = new ArrayList<>();
        // a survey takes its own variables even without the prompt; the rest shows in ignored_fields
        if (!extraVarNames.isEmpty() && !prompts.askVariablesOnLaunch() && !prompts.surveyEnabled()) {
            problems.add("AWX would ignore the extra vars " + String.join(", ", extraVarNames)
                    + ". Enable \"Prompt on launch\" for Variables on that template.");
        }
        List<String> missing = prompts.variablesNeededToStart().stream()
                .filter(not(extraVarNames::contains))
                .toList();
        if (!missing.isEmpty()) {
            problems.add("it needs the variables " + String.join(", ", missing)
                    + " to start, and they are not among the extra vars");
        }
        if (!prompts.passwordsNeededToStart().isEmpty()) {
            problems.add("it asks for the passwords " + String.join(", ", prompts.passwordsNeededToStart())
                    + " at launch; store them in the template's credentials instead");
        }
        return problems;
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
            throw TowerUnavailableException.launchUnanswered(e.getMessage(), extraVars, e);
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
        return HttpApis.exchange(doing, "AWX", request, read, TowerUnavailableException::new);
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

    private static <T> T bodyOf(String doing, HttpRequest request, ConvertibleClientHttpResponse response,
            ParameterizedTypeReference<T> type) throws IOException {
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

    private <T> T fetch(String doing, RequestHeadersSpec<?> request, ParameterizedTypeReference<T> type) {
        return exchange(doing, request, (sent, response) -> bodyOf(doing, sent, response, type));
    }

    /** A refusal of a request that carried a secret: AWX's answer may echo it, so only its field names show. */
    private static RuntimeException refusedWithheld(String doing, HttpRequest request,
            ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String said = statusOf(status);
        List<String> fields = fieldsNamedIn(StreamUtils.copyToString(response.getBody(), charsetOf(response)));
        String objected = fields.isEmpty() ? "" : "; it objected to " + String.join(", ", fields);
        String withheld = " (AWX's answer is not shown: it may repeat the secret)";
        return switch (status.value()) {
            case 401 -> new StepFailedException(doing + ": AWX rejected the token (" + said
                    + "). It may be expired or revoked: give the cutover a valid AWX token.");
            case 403 -> new StepFailedException(doing + ": the AWX token lacks permission (" + said
                    + "). The cutover's AWX user needs the Admin role on the credential.");
            case 404 -> new StepFailedException(doing + ": AWX has nothing at " + request.getURI()
                    + " (" + said + ")");
            default -> status.is5xxServerError()
                    ? new TowerUnavailableException(doing + ": AWX answered " + said + withheld)
                    : new StepFailedException(doing + ": AWX refused (" + said + ") at " + request.getURI()
                            + objected + withheld);
        };
    }

    private static List<String> fieldsNamedIn(String body) {
        List<String> fields = new ArrayList<>();
        try {
            collectFields("", JSON.readTree(body), fields);
        } catch (IOException notJson) {
            return List.of();
        }
        return fields;
    }

    private static void collectFields(String prefix, JsonNode node, List<String> fields) {
        if (node == null || !node.isObject()) {
            if (!prefix.isEmpty()) {
                fields.add(prefix);
            }
            return;
        }
        node.fieldNames().forEachRemaining(name ->
                collectFields(prefix.isEmpty() ? name : prefix + "." + name, node.get(name), fields));
    }

    private static RuntimeException refused(String doing, HttpRequest request,
            ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String said = ApiAnswers.said(status, StreamUtils.copyToString(response.getBody(), charsetOf(response)),
                MAX_BODY_IN_MESSAGE);
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

    interface Identified {
        long id();
    }

    record Page<T>(int count, List<T> results) {
        Page {
            results = orEmpty(results);
        }
    }

    record Named(long id, String name) implements Identified {}

    record InventoryDetail(long id, String name, String variables) implements Identified {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TemplateDetail(long id, String name, Long project, Long inventory, String playbook,
            boolean askVariablesOnLaunch) implements Identified {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CredentialDetail(long id, String name, long credentialType, Map<String, Object> inputs,
            CredentialSummary summaryFields) implements Identified {
        CredentialDetail {
            inputs = inputs == null ? Map.of() : inputs;
        }

        String typeName() {
            return summaryFields == null || summaryFields.credentialType() == null
                    ? "credential type " + credentialType
                    : summaryFields.credentialType().name();
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CredentialSummary(Named credentialType) {}

    /** The new inputs of a credential, shown without their values wherever they are logged. */
    record CredentialInputs(Map<String, Object> inputs) {
        @Override
        public String toString() {
            return "CredentialInputs" + inputs.keySet() + " (values withheld)";
        }
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
    record JobDetail(long id, String name, String status, String jobExplanation, SummaryFields summaryFields,
            String extraVars) {
        TowerJob towerJob() {
            return new TowerJob(id, templateName(summaryFields, name), status, jobExplanation);
        }
    }

    record JobPage(String next, List<JobDetail> results) {
        JobPage {
            results = orEmpty(results);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SummaryFields(TemplateSummary jobTemplate) {}
}
