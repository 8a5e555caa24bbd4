package dev.cutover.namecheap;

/**
 * One record of a Namecheap zone as getHosts reports it: host label ({@code @}, {@code www},
 * {@code clearmyrecord}), type (A, AAAA, CNAME, MX, MXE, TXT, URL, URL301, FRAME, CAA…), address,
 * MX preference and TTL in seconds.
 */
public record HostRecord(String name, String type, String address, int mxPref, int ttl) {}
