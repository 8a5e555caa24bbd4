package dev.cutover.namecheap;

import java.util.List;

/**
 * What a write to a zone did: the zone's full record list before and after, and the records of
 * the one host that changed. {@code before} is what a rollback restores.
 */
public record ZoneChange(String zone, String host, List<HostRecord> before, List<HostRecord> after) {}
