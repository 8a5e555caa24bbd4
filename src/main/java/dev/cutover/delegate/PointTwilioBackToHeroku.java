package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import org.springframework.stereotype.Component;

/** Compensation: Twilio's endpoints back to Heroku. */
@Component("pointTwilioBackToHeroku")
class PointTwilioBackToHeroku extends Step {

    private final UpdateTwilioEndpoints update;
    private final Endpoints endpoints;

    PointTwilioBackToHeroku(Ledger ledger, UpdateTwilioEndpoints update, Endpoints endpoints) {
        super(ledger);
        this.update = update;
        this.endpoints = endpoints;
    }

    @Override
    protected void perform(StepContext step) {
        update.move(step, endpoints.newSite(), endpoints.heroku());
    }
}
