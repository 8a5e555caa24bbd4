package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import org.springframework.stereotype.Component;

/** Compensation: Mailgun's routes and webhooks back to Heroku. */
@Component("pointMailgunBackToHeroku")
class PointMailgunBackToHeroku extends Step {

    private final UpdateMailgunEndpoints update;
    private final Endpoints endpoints;

    PointMailgunBackToHeroku(Ledger ledger, UpdateMailgunEndpoints update, Endpoints endpoints) {
        super(ledger);
        this.update = update;
        this.endpoints = endpoints;
    }

    @Override
    protected void perform(StepContext step) {
        update.move(step, endpoints.newSite(), endpoints.heroku());
    }
}
