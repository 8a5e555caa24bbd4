package dev.cutover.twilio;

/** A number's endpoints before and after a move; {@code before} is what a compensation restores. */
public record EndpointChange(String phoneNumber, String numberSid, PhoneEndpoints before, PhoneEndpoints after) {

    /** The same change with the credentials a URL carries masked: what variables, the ledger and logs show. */
    public EndpointChange redacted() {
        return new EndpointChange(phoneNumber, numberSid, before.redacted(), after.redacted());
    }
}
