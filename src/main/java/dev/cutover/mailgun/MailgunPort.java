package dev.cutover.mailgun;

import dev.cutover.step.Ensured;

/** Mailgun, in the runbook's words. */
public interface MailgunPort {

    /**
     * Update Mailgun end points to new URLs: every route's forward action and every webhook of the
     * domain whose URL starts with {@code fromBaseUrl} moves to the same path under
     * {@code toBaseUrl}; a route's other actions and other URLs stay. Nothing left to move → already
     * done. Pointing back to Heroku is the same call with the two swapped.
     */
    Ensured<MailgunChange> moveEndpoints(String domain, String fromBaseUrl, String toBaseUrl);
}
