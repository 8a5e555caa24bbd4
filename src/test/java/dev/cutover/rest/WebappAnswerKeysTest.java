package dev.cutover.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist completes tasks and starts processes through the webapps' own engine API, not
 * {@code /engine-rest}: a variable its form does not ask for is refused there too, 400 and nothing
 * changed, for a user logged in to Tasklist as the browser is (session cookie, CSRF token).
 */
@CutoverEngineTest
class WebappAnswerKeysTest {

    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired RepositoryService repository;
    @Autowired EarlierPhases phases;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

    @Test
    void aTaskSubmittedFromTasklistWithAVariableItsFormDoesNotAskForAnswers400AndStaysOpen() throws Exception {
        Task uat = taskAt("day-1", "webapp-uat-keys", "uatNewSite");
        logIn("admin", "rehearsal-admin-password");

        HttpResponse<String> refused = post(ENGINE_API + "/task/" + uat.getId() + "/submit-form",
                "{\"variables\": {\"approved\": {\"value\": true}, \"startedBy\": {\"value\": \"mallory\"}}}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("'UAT on the new site' takes the answers").contains("not [startedBy]");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
        assertThat(runtime.getVariable(uat.getProcessInstanceId(), "startedBy")).isNull();

        HttpResponse<String> answered = post(ENGINE_API + "/task/" + uat.getId() + "/submit-form",
                "{\"variables\": {\"approved\": {\"value\": true}, \"notes\": {\"value\": \"all fine\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isZero();
    }

    @Test
    void aProcessStartedFromTasklistWithAVariableItDoesNotTakeAnswers400AndStartsNothing() throws Exception {
        String cutover = repository.createProcessDefinitionQuery().processDefinitionKey("cutover").latestVersion()
                .singleResult().getId();
        logIn("admin", "rehearsal-admin-password");

        HttpResponse<String> refused = post(ENGINE_API + "/process-definition/" + cutover + "/submit-form",
                "{\"businessKey\": \"webapp-start-keys\", \"variables\": {\"startedBy\": {\"value\": \"mallory\"}}}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("'Cutover' takes the variables [windowEnd]; not [startedBy]");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("webapp-start-keys").count())
                .isZero();
    }

    @Test
    void withoutALoggedInSessionTheWebappsAnswerAndNoRefusalTellsOfTheTask() throws Exception {
        Task uat = taskAt("day-1", "webapp-stranger", "uatNewSite");
        browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());

        HttpResponse<String> stranger = post(ENGINE_API + "/task/" + uat.getId() + "/submit-form",
                "{\"variables\": {\"approved\": {\"value\": true}, \"startedBy\": {\"value\": \"mallory\"}}}");

        assertThat(stranger.statusCode()).as(stranger.body()).isIn(401, 403);
        assertThat(stranger.body()).doesNotContain("UAT on the new site");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
    }

    private Task taskAt(String phase, String run, String activity) {
        phases.completedBefore(phase, run);
        String instance = runtime.createProcessInstanceByKey(phase).businessKey(run)
                .startBeforeActivity(activity).execute().getId();
        return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(activity).singleResult();
    }

    /** As Tasklist does: open the app (CSRF cookie), log in to the engine for Tasklist, read who is logged in. */
    private void logIn(String user, String password) throws Exception {
        browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("log-in: " + login.body()).isEqualTo(200);
        // the log-in starts a new session, whose CSRF token the next read hands out
        browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .reduce((first, last) -> last)
                .orElse("");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
