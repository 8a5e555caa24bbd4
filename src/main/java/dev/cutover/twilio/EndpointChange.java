package dev.cutover.twilio;

/** A number's endpoints before and after a move; {@code before} is what a compensation restores. */
public record EndpointChange(String phoneNumber, String numberSid, PhoneEndpoints before, PhoneEndpoints after) {}
