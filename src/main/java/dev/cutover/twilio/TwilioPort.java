package dev.cutover.twilio;

import dev.cutover.step.Ensured;

/** Twilio, in the runbook's words. */
public interface TwilioPort {

    /**
     * Update Twilio end points to new URLs: every endpoint of the number (voice, SMS, status
     * callback) that starts with {@code fromBaseUrl} is moved to the same path under
     * {@code toBaseUrl}; others stay. Already moved → already done. Pointing back to Heroku is the
     * same call with the two swapped.
     */
    Ensured<EndpointChange> moveNumberEndpoints(String phoneNumber, String fromBaseUrl, String toBaseUrl);

    PhoneEndpoints numberEndpoints(String phoneNumber);
}
