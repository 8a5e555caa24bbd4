package dev.cutover.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * HTTP Basic against the engine's users, on the engine's public {@code IdentityService.checkPassword}:
 * the REST module's authentication filter asks it who is calling, and sets that user and their
 * groups on the engine for the request, so the engine's authorizations apply.
 */
public class BasicAuthentication implements AuthenticationProvider {

    private static final String BASIC = "Basic ";

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return AuthenticationResult.unsuccessful();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return AuthenticationResult.unsuccessful();
        }
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return AuthenticationResult.unsuccessful();
        }
        String user = credentials.substring(0, colon);
        String password = credentials.substring(colon + 1);
        return engine.getIdentityService().checkPassword(user, password)
                ? AuthenticationResult.successful(user)
                : AuthenticationResult.unsuccessful(user);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + engine.getName() + "\"");
    }
}
