package dev.cutover.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Over REST, a task is completed and a process started with the variables they ask for and
 * nothing else; any other would land in the run (a completion could set {@code startedBy}, or a
 * loop's progress), so a request naming one is refused 400, naming it and the keys allowed, and
 * nothing changes.
 * <ul>
 *   <li>A completion ({@code POST /engine-rest/task/{id}/complete} or {@code …/submit-form}) takes
 *   the keys of the task's form and the contract's answers: {@code approved}, {@code notes} and
 *   {@code decision}.</li>
 *   <li>A start ({@code …/process-definition/key/{key}/start} or {@code …/submit-form}, or by id)
 *   and a message that starts a process ({@code POST /engine-rest/message}, its
 *   {@code processVariables}) take the keys of the process's start form and those its model names
 *   in the process property {@code startVariables} ({@code cutover}: {@code windowEnd}).</li>
 * </ul>
 * A task or process this filter cannot read (unknown, not the caller's to see) is left to the
 * engine, which refuses it in its own way; so is a message no process starts with.
 */
@Priority(Priorities.USER)
public class AnswerKeys implements ContainerRequestFilter {

    private static final Pattern COMPLETION = Pattern.compile("(?:^|/)task/([^/]+)/(?:complete|submit-form)$");
    private static final Pattern START_BY_KEY = Pattern.compile(
            "(?:^|/)process-definition/key/([^/]+)/(?:start|submit-form)$");
    private static final Pattern START_BY_ID = Pattern.compile("(?:^|/)process-definition/([^/]+)/(?:start|submit-form)$");
    private static final Pattern MESSAGE = Pattern.compile("(?:^|/)message$");
    private static final Set<String> ALWAYS = Set.of("approved", "notes", "decision");
    /** The process property that names the variables a start may carry besides its start form's. */
    static final String START_VARIABLES = "startVariables";

    private final TaskService tasks;
    private final FormService forms;
    private final RepositoryService repository;
    private final ObjectMapper json = new ObjectMapper();

    public AnswerKeys(TaskService tasks, FormService forms, RepositoryService repository) {
        this.tasks = tasks;
        this.forms = forms;
        this.repository = repository;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !request.hasEntity() || !checks(path)) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        refusal(path, body).ifPresent(refused -> request.abortWith(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(refused).build()));
    }

    /** Whether a POST to this path (a completion, a start, a message) has its variables checked. */
    static boolean checks(String path) {
        return COMPLETION.matcher(path).find() || START_BY_KEY.matcher(path).find()
                || START_BY_ID.matcher(path).find() || MESSAGE.matcher(path).find();
    }

    /**
     * The refusal of a POST to this path with this body, as Camunda's REST API words one
     * ({@code type}, {@code message}, {@code code}); empty when every variable it names is allowed,
     * or when it is not this filter's to judge (not JSON, no variables, a task or process it
     * cannot read).
     */
    Optional<Map<String, Object>> refusal(String path, byte[] body) {
        Matcher completion = COMPLETION.matcher(path);
        Matcher byKey = START_BY_KEY.matcher(path);
        Matcher byId = START_BY_ID.matcher(path);
        boolean message = MESSAGE.matcher(path).find();
        JsonNode sent;
        try {
            sent = json.readTree(body);
        } catch (IOException notJson) {
            return Optional.empty(); // Camunda answers a body it cannot read itself
        }
        JsonNode variables = sent == null ? null : sent.path(message ? "processVariables" : "variables");
        if (variables == null || !variables.isObject() || variables.isEmpty()) {
            return Optional.empty();
        }
        Checked checked;
        if (completion.find()) {
            checked = task(completion.group(1));
        } else if (message) {
            checked = startedBy(() -> repository.createProcessDefinitionQuery()
                    .messageEventSubscriptionName(sent.path("messageName").asText()).latestVersion().list());
        } else if (byKey.find()) {
            checked = startedBy(() -> repository.createProcessDefinitionQuery().processDefinitionKey(byKey.group(1))
                    .latestVersion().list());
        } else if (byId.find()) {
            checked = startedBy(() -> repository.createProcessDefinitionQuery().processDefinitionId(byId.group(1)).list());
        } else {
            return Optional.empty();
        }
        if (checked == null) {
            return Optional.empty();
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!checked.allowed().contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> refusal = new LinkedHashMap<>();
        refusal.put("type", "BadUserRequestException");
        refusal.put("message", "'" + checked.name() + "' takes " + (checked.allowed().isEmpty() ? "no " + checked.what()
                : "the " + checked.what() + " " + checked.allowed()) + "; not " + unknown);
        refusal.put("code", 0);
        return Optional.of(refusal);
    }

    /** The keys of the task's form and the contract's answers, or null when the form cannot be read. */
    private Checked task(String taskId) {
        Set<String> keys = new TreeSet<>(ALWAYS);
        try (InputStream form = forms.getDeployedTaskForm(taskId)) {
            collectKeys(json.readTree(form).path("components"), keys);
        } catch (ProcessEngineException | IOException unreadable) {
            return null;
        }
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        return new Checked(task == null ? taskId : task.getName(), "answers", keys);
    }

    /**
     * What a start of the one process found takes: its start form's keys and its model's
     * {@code startVariables}; null when no single process is found (the engine answers that).
     */
    private Checked startedBy(Supplier<List<ProcessDefinition>> found) {
        try {
            return startedBy(found.get());
        } catch (ProcessEngineException unreadable) {
            return null;
        }
    }

    private Checked startedBy(List<ProcessDefinition> definitions) {
        if (definitions.size() != 1) {
            return null;
        }
        ProcessDefinition definition = definitions.get(0);
        Set<String> keys = new TreeSet<>();
        try (InputStream form = forms.getDeployedStartForm(definition.getId())) {
            collectKeys(json.readTree(form).path("components"), keys);
        } catch (ProcessEngineException | IOException noStartForm) {
            // a start without a form of its own takes only what its model names
        }
        Process process = repository.getBpmnModelInstance(definition.getId()).getModelElementById(definition.getKey());
        if (process != null && process.getExtensionElements() != null) {
            process.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                    .flatMap(properties -> properties.getCamundaProperties().stream())
                    .filter(property -> START_VARIABLES.equals(property.getCamundaName()))
                    .map(CamundaProperty::getCamundaValue)
                    .flatMap(values -> Arrays.stream(values.split(",")))
                    .map(String::trim)
                    .forEach(keys::add);
        }
        return new Checked(definition.getName() == null ? definition.getKey() : definition.getName(), "variables", keys);
    }

    private static void collectKeys(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            collectKeys(component.path("components"), keys);
        }
    }

    /** What a request names (a task, a process), what it carries (answers, variables) and the keys allowed. */
    private record Checked(String name, String what, Set<String> allowed) {}
}
