package dev.cutover.aws.route53;

/** A plain Route53 record: name (no trailing dot), type, value, TTL. */
public record DnsRecord(String name, String type, String value, long ttl) {}
