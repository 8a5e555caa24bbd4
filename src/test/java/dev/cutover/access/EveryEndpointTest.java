package dev.cutover.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.PageUsers;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps (Spring's handler mappings) and every root resource of
 * Camunda's REST API (the JAX-RS classes the application registers), found by enumerating them,
 * not from a list: each answers 401 without credentials, and 403 to a user in none of the
 * contract's groups. Camunda answers such a user's reads of what it may not see as it always
 * does, by leaving it out: an empty list, a count of 0, or 404 for a single resource. The only
 * endpoints open to all are the rehearsal's simulated outside sites and the health probe.
 */
@CutoverEngineTest
class EveryEndpointTest {

    private static final Logger log = LoggerFactory.getLogger(EveryEndpointTest.class);
    /** Open by design: the rehearsal's stand-ins for the outside web sites, the health probe, Spring's error page. */
    private static final List<String> OPEN = List.of("/rehearsal/sites/", "/actuator/health", "/error");
    private static final String PASSWORD = "page-test-password";
    /** What Camunda answers any logged-in user, whatever the grants: nothing of a run (docs/reliability.md, "Security"). */
    private static final Set<String> SHOWN_TO_ANY_USER = Set.of("/engine/{name}/version", "/version");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired CamundaJerseyResourceConfig rest;
    @Autowired IdentityService identity;
    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everySpringEndpointAnswers401WithoutCredentialsAnd403ToTheWrongGroup() throws Exception {
        PageUsers.on(identity, port);
        Map<String, String> answers = new LinkedHashMap<>();
        Set<String> open = new TreeSet<>();
        int checked = 0;
        for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
            for (String pattern : mapping.getPatternValues()) {
                String path = concrete(pattern);
                if (OPEN.stream().anyMatch(path::startsWith)) {
                    open.add(pattern);
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    int anonymous = send(method.name(), path, null);
                    int stranger = send(method.name(), path, PageUsers.STRANGER);
                    answers.put(method + " " + pattern, anonymous + "/" + stranger);
                    checked++;
                    assertThat(anonymous).as(method + " " + path + " without credentials").isEqualTo(401);
                    assertThat(stranger).as(method + " " + path + " as a user in no group").isEqualTo(403);
                    if (!method.equals(RequestMethod.GET)) {
                        assertThat(send(method.name(), path, PageUsers.OPERATOR))
                                .as(method + " " + path + " as an operator").isEqualTo(403);
                    }
                }
            }
        }
        log.info("Spring endpoints checked for 401/403: {}: {}; open by design: {}", checked, answers, open);
        assertThat(checked).isGreaterThan(5);
        assertThat(open).allSatisfy(pattern -> assertThat(OPEN.stream().anyMatch(concrete(pattern)::startsWith)).isTrue());
    }

    @Test
    void everyRootResourceOfCamundasRestAnswers401WithoutCredentialsAndNothingToTheWrongGroup() throws Exception {
        PageUsers.on(identity, port);
        List<String> roots = new ArrayList<>();
        for (Class<?> type : rest.getClasses()) {
            Path root = rootPath(type);
            if (root == null) {
                continue;
            }
            if (!root.value().isEmpty() && !root.value().equals("/")) {
                roots.add(root.value());
            }
            // the default engine's resources hang off the root's sub-resource locators
            for (java.lang.reflect.Method locator : type.getMethods()) {
                Path path = locator.getAnnotation(Path.class);
                if (path != null) {
                    roots.add((root.value().equals("/") ? "" : root.value()) + path.value());
                }
            }
        }
        roots = roots.stream().distinct().sorted().toList();
        assertThat(roots).contains("/process-definition", "/task", "/job", "/incident", "/message");
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> shown = new java.util.TreeMap<>();
        for (String root : roots) {
            String path = "/engine-rest" + concrete(root.replace("/engine/{name}", "/engine/default"));
            int anonymous = send("GET", path, null);
            if (root.equals("/engine")) {
                // Camunda's login filter lets anyone list the engines' names (one: "default"), and nothing more
                assertThat(anonymous).as("GET " + path + " without credentials").isEqualTo(200);
                assertThat(sendFor("GET", path, null).body().replaceAll("\\s", ""))
                        .matches("\\[\\{\"name\":\"[a-z0-9-]+\"}(,\\{\"name\":\"[a-z0-9-]+\"})*]");
                answers.put(root, "200 (engine names)");
                continue;
            }
            HttpResponse<String> stranger = sendFor("GET", path, PageUsers.STRANGER);
            answers.put(root, anonymous + "/" + stranger.statusCode());
            assertThat(anonymous).as("GET " + path + " without credentials").isEqualTo(401);
            if (!withheld(stranger)) {
                shown.put(root, stranger.statusCode() + " " + stranger.body().replaceAll("\\s", ""));
            }
            assertThat(send("POST", path, null)).as("POST " + path + " without credentials").isEqualTo(401);
        }
        log.info("Camunda REST root resources checked for 401 and withheld data: {}: {}", roots.size(), answers);
        assertThat(shown).as("what Camunda shows a logged-in user in no group").containsOnlyKeys(SHOWN_TO_ANY_USER);
    }

    /** Nothing shown: 403, 404 (nothing there that the user may see), 405 (no GET), or an empty list or count 0. */
    private static boolean withheld(HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status == 403 || status == 404 || status == 405 || status == 400) {
            return true;
        }
        String body = answer.body().replaceAll("\\s", "");
        // Camunda shows a user their own profile (and only theirs): the owner of a user may read it
        boolean ownProfileOnly = body.startsWith("[{\"id\":\"" + PageUsers.STRANGER + "\"") && body.indexOf("\"id\"") == body.lastIndexOf("\"id\"");
        return status == 200 && (body.equals("[]") || body.equals("{\"count\":0}") || body.equals("{}") || ownProfileOnly);
    }

    private static Path rootPath(Class<?> type) {
        if (type.isAnnotationPresent(Path.class)) {
            return type.getAnnotation(Path.class);
        }
        for (Class<?> contract : type.getInterfaces()) {
            if (contract.isAnnotationPresent(Path.class)) {
                return contract.getAnnotation(Path.class);
            }
        }
        return null;
    }

    /** A pattern with every variable given a value ({@code /cutover/runs/{run}} → {@code /cutover/runs/x}). */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", "x").replace("/**", "/x").replace("*", "x");
    }

    private int send(String method, String path, String user) throws Exception {
        return sendFor(method, path, user).statusCode();
    }

    private HttpResponse<String> sendFor(String method, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
