package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.mailgun.MailgunChange;
import dev.cutover.mailgun.MailgunPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Update Mailgun end points to new URLs (and, as compensation, point them back to Heroku). */
@Component("updateMailgunEndpoints")
class UpdateMailgunEndpoints extends Step {

    private final MailgunPort mailgun;
    private final Endpoints endpoints;
    private final MigrationPlan plan;

    UpdateMailgunEndpoints(Ledger ledger, MailgunPort mailgun, Endpoints endpoints, MigrationPlan plan) {
        super(ledger);
        this.mailgun = mailgun;
        this.endpoints = endpoints;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        move(step, endpoints.heroku(), endpoints.newSite(), false);
    }

    /** The same move, recorded as an undo ({@code compensated} or {@code undone}). */
    void moveBack(StepContext step, String from, String to) {
        move(step, from, to, true);
    }

    private void move(StepContext step, String from, String to, boolean back) {
        String domain = plan.mailgun().domain();
        Ensured<MailgunChange> change = mailgun.moveEndpoints(domain, from, to);
        MailgunChange moved = change.value();
        String detail = domain + ": " + moved.routes().size() + " route URL(s) and " + moved.webhooks().size()
                        + " webhook URL(s) moved from " + from + " to " + to;
        Map<String, String> undo = Map.of("mailgunDomain", domain, "movedFrom", from, "movedTo", to);
        if (back) {
            recordUndo(step, change, detail, undo);
        } else {
            record(step, change, detail, undo);
        }
    }
}
