package dev.cutover.dns;

import java.util.List;

/**
 * DNS as the world sees it, in the runbook's words. Asks each resolver itself (never a cache of
 * this JVM's), so a poll sees what that resolver answers now.
 */
public interface DnsPort {

    /**
     * Check DNS has completely propagated: what each resolver answers for {@code name} and
     * {@code type} (A, AAAA, CNAME, TXT…) now, and whether that is {@code expected}. A resolver that
     * does not answer is an answer too ({@code timeout}), never an exception.
     * <ul>
     * <li>CNAME: the target (no trailing dot, any case) is {@code expected}, or a CNAME chain from
     * it reaches {@code expected};</li>
     * <li>A/AAAA: the addresses include {@code expected} (an address), or the name is a CNAME chain
     * to {@code expected} (a host name), or its addresses overlap what the same resolver answers for
     * {@code expected} at the same moment (an alias: Route53's alias A records rotate with their
     * target's addresses);</li>
     * <li>other types: one of the values is {@code expected}.</li>
     * </ul>
     */
    PropagationReport propagation(String name, String type, String expected, List<Resolver> resolvers);
}
