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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * A task is completed over REST ({@code POST /engine-rest/task/{id}/complete} or
 * {@code …/submit-form}) with the answers its form asks for and nothing else: the keys of its
 * form's fields, plus {@code approved}, {@code notes} and {@code decision}. Any other variable would
 * land in the run (a completion may otherwise set {@code startedBy}, or a loop's progress), so a
 * completion naming one is refused 400, naming it and the keys the task takes, and nothing changes.
 * A task this filter cannot read (unknown, not the caller's to see, without a deployed form) is
 * left to the engine, which refuses it in its own way.
 */
@Priority(Priorities.USER)
public class TaskAnswerKeys implements ContainerRequestFilter {

    private static final Pattern COMPLETION = Pattern.compile("(?:^|/)task/([^/]+)/(?:complete|submit-form)$");
    private static final Set<String> ALWAYS = Set.of("approved", "notes", "decision");

    private final TaskService tasks;
    private final FormService forms;
    private final ObjectMapper json = new ObjectMapper();

    public TaskAnswerKeys(TaskService tasks, FormService forms) {
        this.tasks = tasks;
        this.forms = forms;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Matcher completion = COMPLETION.matcher(request.getUriInfo().getPath());
        if (!"POST".equals(request.getMethod()) || !completion.find() || !request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        JsonNode variables;
        try {
            variables = json.readTree(body).path("variables");
        } catch (IOException notJson) {
            return; // Camunda answers a body it cannot read itself
        }
        if (!variables.isObject() || variables.isEmpty()) {
            return;
        }
        String taskId = completion.group(1);
        Set<String> allowed = answerKeys(taskId);
        if (allowed == null) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("type", "BadUserRequestException");
            refusal.put("message", "'" + (task == null ? taskId : task.getName()) + "' takes the answers "
                    + new TreeSet<>(allowed) + "; not " + unknown);
            refusal.put("code", 0);
            request.abortWith(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(refusal).build());
        }
    }

    /** The keys of the task's form and the contract's answers, or null when the form cannot be read. */
    private Set<String> answerKeys(String taskId) {
        try (InputStream form = forms.getDeployedTaskForm(taskId)) {
            Set<String> keys = new TreeSet<>(ALWAYS);
            collectKeys(json.readTree(form).path("components"), keys);
            return keys;
        } catch (ProcessEngineException | IOException unreadable) {
            return null;
        }
    }

    private static void collectKeys(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            collectKeys(component.path("components"), keys);
        }
    }
}
