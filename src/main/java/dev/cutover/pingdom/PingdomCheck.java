package dev.cutover.pingdom;

/** A Pingdom HTTP check: status up, down, unconfirmed_down, unknown or paused. */
public record PingdomCheck(long id, String name, String host, String path, boolean encryption, String status) {}
