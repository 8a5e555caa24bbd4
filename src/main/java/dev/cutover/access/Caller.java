package dev.cutover.access;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who calls our own {@code /api}: the user the REST authentication set on the engine for this
 * request ({@link RestAuthentication}), and the groups they are in.
 */
public final class Caller {

    private Caller() {
    }

    /** Refuses with 403 unless the caller is in one of {@code groups} (administrators always are). */
    public static void requireOneOf(IdentityService identity, String... groups) {
        // var: the type is in the engine's impl package, which production code does not name
        var current = identity.getCurrentAuthentication();
        List<String> theirs = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
        if (theirs.contains(Groups.CAMUNDA_ADMIN) || Arrays.stream(groups).anyMatch(theirs::contains)) {
            return;
        }
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only " + String.join(" or ", groups) + " may read this");
    }
}
