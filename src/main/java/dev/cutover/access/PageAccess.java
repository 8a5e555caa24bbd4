package dev.cutover.access;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may see the live page and the audit report (leads, operators, auditors, the admin), and who
 * may inject faults in a rehearsal (leads, the admin). The caller is the engine user the login
 * filter ({@link RestAuthentication}) authenticated for this request.
 */
@Component
public class PageAccess {

    public static final String LEADS = "cutover-leads";
    public static final String OPERATORS = "cutover-operators";
    public static final String AUDITORS = "cutover-auditors";
    private static final Set<String> VIEWERS = Set.of(LEADS, OPERATORS, AUDITORS, Groups.CAMUNDA_ADMIN);
    private static final Set<String> FAULT_INJECTORS = Set.of(LEADS, Groups.CAMUNDA_ADMIN);

    private final IdentityService identity;

    PageAccess(IdentityService identity) {
        this.identity = identity;
    }

    /** The caller, when a lead, operator or auditor; 403 otherwise. */
    public String requireViewer() {
        Caller caller = caller();
        if (!caller.inAny(VIEWERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "'" + caller.user()
                    + "' is in none of the groups that may follow a run: " + LEADS + ", " + OPERATORS + ", " + AUDITORS);
        }
        return caller.user();
    }

    /** The caller, when a lead; 403 otherwise. */
    public String requireLead(String toDo) {
        Caller caller = caller();
        if (!caller.inAny(FAULT_INJECTORS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "only " + LEADS + " may " + toDo + "; '" + caller.user() + "' is not one of them");
        }
        return caller.user();
    }

    public boolean callerIsLead() {
        var current = identity.getCurrentAuthentication();
        return current != null && current.getUserId() != null && caller().inAny(FAULT_INJECTORS);
    }

    private Caller caller() {
        var current = identity.getCurrentAuthentication();
        if (current == null || current.getUserId() == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "log in with an engine user");
        }
        return new Caller(current.getUserId(), current.getGroupIds() == null ? List.of() : current.getGroupIds());
    }

    private record Caller(String user, List<String> groups) {
        boolean inAny(Set<String> allowed) {
            return groups.stream().anyMatch(allowed::contains);
        }
    }
}
