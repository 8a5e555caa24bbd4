package dev.cutover.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * A request the model refuses (the user task contract, the run key guard: a
 * {@link BadUserRequestException} thrown from a listener) answers 400 with that refusal's own
 * message, and one naming what does not exist (a task id) 404. Camunda's resources wrap whatever the engine
 * throws during a completion, a form submission, a start or a correlation into a
 * {@link RestException} with 500, their own text around ours; this mapper, ahead of Camunda's for
 * the same type ({@link Priority}), unwraps it. An authorization failure stays 403, and everything
 * else keeps Camunda's answer.
 */
@Priority(1)
public class RefusedRequests implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException exception) {
        if (exception.getStatus() != Response.Status.INTERNAL_SERVER_ERROR) {
            return ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
        return answer(exception);
    }

    static Response answer(Throwable exception) {
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                break;
            }
            if (cause instanceof NotFoundException notFound) {
                return json(Response.Status.NOT_FOUND, notFound);
            }
            // the engine's commands say a named entity is missing this way ("Cannot find task with id …")
            if (cause instanceof NullValueException missing && String.valueOf(missing.getMessage()).startsWith("Cannot find ")) {
                return json(Response.Status.NOT_FOUND, missing);
            }
            if (cause instanceof BadUserRequestException refusal) {
                return json(Response.Status.BAD_REQUEST, refusal);
            }
        }
        return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }

    /** Camunda's own shape: {@code {"type": …, "message": …, "code": …}}. */
    private static Response json(Response.Status status, ProcessEngineException cause) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", cause.getClass().getSimpleName());
        body.put("message", cause.getMessage());
        body.put("code", cause.getCode());
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /**
     * The same for an engine exception that reaches the REST layer unwrapped, with the refusal as its
     * cause (an engine exception around a listener's), which Camunda would answer by its outer type.
     */
    @Priority(1)
    public static class Unwrapped implements ExceptionMapper<ProcessEngineException> {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            if (exception instanceof BadUserRequestException || exception instanceof AuthorizationException) {
                return ExceptionHandlerHelper.getInstance().getResponse(exception);
            }
            return answer(exception);
        }
    }
}
