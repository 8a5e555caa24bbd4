package dev.cutover.notify;

/** One notification as it goes out: the group it is for, a subject line and plain text. */
public record Message(String group, String subject, String text) {}
