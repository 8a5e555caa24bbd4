package dev.cutover.report;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Reads the engine as the application, not as the logged-in user: who may see the pages is decided
 * once, by group ({@link dev.cutover.access.PageAccess}), and then the report shows the whole run,
 * whatever the engine grants that user on each phase. The caller's authentication is put back after.
 */
@Component
public class ApplicationView {

    private final IdentityService identity;

    ApplicationView(IdentityService identity) {
        this.identity = identity;
    }

    public <T> T read(Supplier<T> reading) {
        var caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return reading.get();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller.getUserId(), caller.getGroupIds(), caller.getTenantIds());
            }
        }
    }
}
