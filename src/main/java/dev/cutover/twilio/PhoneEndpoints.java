package dev.cutover.twilio;

/** Where Twilio sends a number's calls, messages and status callbacks. */
public record PhoneEndpoints(String voiceUrl, String smsUrl, String statusCallback) {}
