package dev.cutover.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A node's REST API as the people of a rehearsal use it: the lead starts the run and decides its
 * gates, the operator does the checks, each as a user of their group (never as admin); admin only reads
 * the world and resets it between runs. The node it talks to is asked each time, so a test can move to
 * another node.
 */
final class CutoverRest {

    /** What a task needs besides {@code approved}: the forward path of each task that has more outcomes. */
    static final Map<String, String> FORWARD_DECISIONS = Map.of(
            "goForDay0", "go",
            "goForDay1", "go",
            "makeReallySure", "go",
            "confirmHerokuOff", "turn-off",
            "siteLateAtWww", "wait",
            "dnsLateDecide", "continue",
            "databaseLateDecide", "wait",
            "downtimeOverLimit", "continue");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> baseUrl;
    private String lastRefusal;

    CutoverRest(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    String startRun(String run) {
        return call("lena", "POST", "/engine-rest/process-definition/key/cutover/start", Map.of("businessKey", run))
                .path("id").asText();
    }

    /**
     * Works every task of the run that is open now as its group's person would, saying yes (Wait for
     * Day 2 is left to its timer); the task keys completed.
     */
    List<String> workOpenTasks(String run) {
        List<String> done = new ArrayList<>();
        for (JsonNode task : call("admin", "GET", "/engine-rest/task?processInstanceBusinessKey=" + encode(run), null)) {
            String key = task.path("taskDefinitionKey").asText();
            if (key.equals("waitForDay2")) {
                continue;
            }
            String person = "lena";
            for (JsonNode link : call("admin", "GET", "/engine-rest/task/" + task.path("id").asText()
                    + "/identity-links", null)) {
                if ("cutover-operators".equals(link.path("groupId").asText())) {
                    person = "olivia";
                }
            }
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("approved", Map.of("value", true));
            variables.put("notes", Map.of("value", "rehearsed by the reliability test"));
            if (FORWARD_DECISIONS.containsKey(key)) {
                variables.put("decision", Map.of("value", FORWARD_DECISIONS.get(key)));
            }
            try {
                call(person, "POST", "/engine-rest/task/" + task.path("id").asText() + "/complete",
                        Map.of("variables", variables));
                done.add(key);
            } catch (IllegalStateException goneMeanwhile) {
                // a boundary event may end a task between the list and the answer: the next look tells
                lastRefusal = goneMeanwhile.getMessage();
            }
        }
        return done;
    }

    /** The last answer refused to a task (null when none was): said when a run does not end. */
    String lastRefusal() {
        return lastRefusal;
    }

    /** The whole run's state in the engine's history: ACTIVE, COMPLETED, … ; null before it started. */
    String runState(String run) {
        JsonNode found = call("admin", "GET", "/engine-rest/history/process-instance?processDefinitionKey=cutover"
                + "&processInstanceBusinessKey=" + encode(run), null);
        return found.isEmpty() ? null : found.get(0).path("state").asText();
    }

    /** Whether the run passed its end event "Cutover done". */
    boolean endedDone(String run) {
        JsonNode instance = call("admin", "GET", "/engine-rest/history/process-instance?processDefinitionKey=cutover"
                + "&processInstanceBusinessKey=" + encode(run), null).get(0);
        return call("admin", "GET", "/engine-rest/history/activity-instance?activityId=cutoverDone&processInstanceId="
                + instance.path("id").asText(), null).size() == 1;
    }

    JsonNode incidents() {
        return call("admin", "GET", "/engine-rest/incident", null);
    }

    JsonNode world() {
        return call("admin", "GET", "/api/rehearsal/world", null);
    }

    void resetWorld() {
        call("admin", "POST", "/api/rehearsal/world/reset", Map.of());
    }

    void armFault(String target, int times, String delay) {
        Map<String, Object> fault = new LinkedHashMap<>(Map.of("target", target, "times", times));
        if (delay != null) {
            fault.put("delay", delay);
        }
        call("lena", "POST", "/api/rehearsal/faults", fault);
    }

    JsonNode call(String user, String method, String path, Object body) {
        String password = user.equals("admin") ? CutoverNode.ADMIN_PASSWORD : CutoverNode.password(user);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "application/json");
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " as " + user + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " as " + user + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
