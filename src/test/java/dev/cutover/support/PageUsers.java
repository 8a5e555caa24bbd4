package dev.cutover.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * People who open the pages in tests, as engine users in the contract's groups, and a plain HTTP
 * client that logs in as one of them (HTTP Basic, as the browser does after its prompt).
 */
public final class PageUsers {

    public static final String LEAD = "ann";
    public static final String OPERATOR = "otto";
    public static final String AUDITOR = "alma";
    public static final String STRANGER = "sam";
    private static final String PASSWORD = "page-test-password";

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PageUsers(int port) {
        this.port = port;
    }

    /** Makes the users (once per engine) and returns a client for the server on this port. */
    public static PageUsers on(IdentityService identity, int port) {
        ensureGroup(identity, "cutover-auditors");
        ensureUser(identity, LEAD, "cutover-leads");
        ensureUser(identity, OPERATOR, "cutover-operators");
        ensureUser(identity, AUDITOR, "cutover-auditors");
        ensureUser(identity, STRANGER, null);
        return new PageUsers(port);
    }

    public HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, String user, String form) throws IOException, InterruptedException {
        return http.send(request(path, user).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String user, String json) throws IOException, InterruptedException {
        return http.send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static void ensureGroup(IdentityService identity, String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private static void ensureUser(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setPassword(PASSWORD);
        user.setFirstName(id);
        user.setLastName("Tester");
        identity.saveUser(user);
        if (group != null) {
            identity.createMembership(id, group);
        }
    }

    public static List<String> viewers() {
        return List.of(LEAD, OPERATOR, AUDITOR);
    }
}
