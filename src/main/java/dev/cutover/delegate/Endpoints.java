package dev.cutover.delegate;

import dev.cutover.plan.MigrationPlan;
import org.springframework.stereotype.Component;

/** The two bases Twilio's and Mailgun's endpoints move between: Heroku's and the new site's. */
@Component
class Endpoints {

    private final MigrationPlan plan;

    Endpoints(MigrationPlan plan) {
        this.plan = plan;
    }

    String heroku() {
        return plan.heroku().baseUrl().toString();
    }

    String newSite() {
        return plan.launch().newSiteUrl().toString();
    }
}
