package dev.cutover.plan;

import dev.cutover.access.Caller;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plan's values still to confirm, for the lead and auditors: {@code GET /api/plan/unconfirmed}. */
@RestController
class PlanController {

    private final PlanConfirmations confirmations;
    private final IdentityService identity;

    PlanController(PlanConfirmations confirmations, IdentityService identity) {
        this.confirmations = confirmations;
        this.identity = identity;
    }

    @GetMapping("/api/plan/unconfirmed")
    List<PlanConfirmations.Unconfirmed> unconfirmed() {
        Caller.requireOneOf(identity, "cutover-leads", "cutover-auditors");
        return confirmations.unconfirmed();
    }
}
