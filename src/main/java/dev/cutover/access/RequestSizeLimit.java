package dev.cutover.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body larger than {@code cutover.max-request-body} (default 1 MB; a task's answer or a
 * run's start is a few kB) reaches the application or the engine: a body that says it is larger
 * answers 413 before anything reads it; one sent without a length (chunked) is read up to the
 * limit first, and answers 413 when it goes past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long limit;

    RequestSizeLimit(@Value("${cutover.max-request-body:1MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > limit) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the request body has " + length
                    + " bytes; at most " + limit + " are accepted (cutover.max-request-body)");
            return;
        }
        if (chunked) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit) + 1);
            if (body.length > limit) {
                refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the request body has more than "
                        + limit + " bytes; at most " + limit + " are accepted (cutover.max-request-body)");
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"RequestTooLarge\",\"message\":\"" + message + "\"}");
    }
}
