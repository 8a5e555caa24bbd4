package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.twilio.EndpointChange;
import dev.cutover.twilio.TwilioPort;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Update Twilio end points to new URLs (and, as compensation, point them back to Heroku). */
@Component("updateTwilioEndpoints")
class UpdateTwilioEndpoints extends Step {

    private final TwilioPort twilio;
    private final Endpoints endpoints;
    private final MigrationPlan plan;

    UpdateTwilioEndpoints(Ledger ledger, TwilioPort twilio, Endpoints endpoints, MigrationPlan plan) {
        super(ledger);
        this.twilio = twilio;
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
        Ensured<EndpointChange> change = twilio.moveNumberEndpoints(plan.twilio().phoneNumber(), from, to);
        // a webhook URL may carry the app's basic-auth credentials: only masked URLs are shown or kept
        EndpointChange value = change.value().redacted();
        step.set(Vars.TWILIO_ENDPOINTS, "voice " + value.after().voiceUrl() + "\nSMS " + value.after().smsUrl()
                + "\nstatus callback " + value.after().statusCallback());
        String detail = value.phoneNumber() + " (" + value.numberSid() + "): voice " + value.before().voiceUrl()
                + " → " + value.after().voiceUrl() + ", SMS " + value.before().smsUrl() + " → " + value.after().smsUrl();
        Map<String, String> undo = Map.of("phoneNumber", value.phoneNumber(), "numberSid", value.numberSid(),
                "movedFrom", from, "movedTo", to);
        if (back) {
            recordUndo(step, change, detail, undo);
        } else {
            record(step, change, detail, undo);
        }
    }
}
