package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.Undoes;
import org.springframework.stereotype.Component;

/** Point Twilio back to Heroku: Day 1's compensation, and a rollback's step once Day 1 has ended. */
@Component("pointTwilioBackToHeroku")
class PointTwilioBackToHeroku extends Step implements Undoes {

    static final ForwardStep UPDATE = new ForwardStep("day-1", "updateTwilioEndpoints");

    private final UpdateTwilioEndpoints update;
    private final Endpoints endpoints;

    PointTwilioBackToHeroku(Ledger ledger, UpdateTwilioEndpoints update, Endpoints endpoints) {
        super(ledger);
        this.update = update;
        this.endpoints = endpoints;
    }

    @Override
    public ForwardStep undoes() {
        return UPDATE;
    }

    @Override
    protected void perform(StepContext step) {
        if (nothingToUndo(step, UPDATE)) {
            return;
        }
        update.moveBack(step, endpoints.newSite(), endpoints.heroku());
    }
}
