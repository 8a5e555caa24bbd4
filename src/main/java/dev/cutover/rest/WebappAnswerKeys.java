package dev.cutover.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.access.ReadBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link AnswerKeys} for the webapps' own engine API ({@code /camunda/api/engine/engine/{engine}/…}),
 * through which Tasklist completes a task and starts a process: the same engine resources, served by
 * the webapps' Jersey application, which takes no provider of ours. A completion or a start naming
 * a variable its form does not ask for answers 400, as over {@code /engine-rest}, and nothing
 * changes. Only a request from a session logged in to that engine is judged, so a stranger learns
 * nothing of a task from the refusal; the rest goes on to the webapps' own checks.
 */
class WebappAnswerKeys extends OncePerRequestFilter {

    private static final Pattern ENGINE_PATH = Pattern.compile("/api/engine/engine/([^/]+)/(.+)$");

    private final AnswerKeys answerKeys;
    private final ObjectMapper json = new ObjectMapper();

    WebappAnswerKeys(AnswerKeys answerKeys) {
        this.answerKeys = answerKeys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher engineCall = ENGINE_PATH.matcher(request.getRequestURI());
        if (!engineCall.find() || !AnswerKeys.checks(engineCall.group(2)) || !loggedIn(request, engineCall.group(1))) {
            chain.doFilter(request, response);
            return;
        }
        // the body is bounded already: RequestSizeLimit comes first
        byte[] body = request.getInputStream().readAllBytes();
        Optional<Map<String, Object>> refusal = answerKeys.refusal(engineCall.group(2), body);
        if (refusal.isPresent()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(), refusal.get());
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static boolean loggedIn(HttpServletRequest request, String engine) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        return authentications != null && authentications.hasAuthenticationForProcessEngine(engine);
    }
}
