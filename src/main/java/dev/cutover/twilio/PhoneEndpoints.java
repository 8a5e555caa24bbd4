package dev.cutover.twilio;

import dev.cutover.step.Redaction;

/** Where Twilio sends a number's calls, messages and status callbacks. */
public record PhoneEndpoints(String voiceUrl, String smsUrl, String statusCallback) {

    /** The endpoints with any credentials in their URLs masked ({@code https://•••@host/…}). */
    public PhoneEndpoints redacted() {
        return new PhoneEndpoints(Redaction.urls(voiceUrl), Redaction.urls(smsUrl), Redaction.urls(statusCallback));
    }
}
