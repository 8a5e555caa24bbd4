package dev.cutover.namecheap;

import dev.cutover.step.Ensured;
import java.util.List;

/**
 * DNS at Namecheap, in the runbook's words. Namecheap's setHosts replaces every record of a zone,
 * and the zone is the organisation's (mail included): every change reads the full list, changes
 * the records of one host only, refuses to write anything that would remove or alter a record of
 * another host, and reports the list as it was.
 */
public interface NamecheapPort {

    /** The zone's records as they are now. */
    List<HostRecord> hosts(String zone);

    /** Set TTL of the old name: every record of {@code host} gets this TTL. */
    Ensured<ZoneChange> ensureTtl(String zone, String host, int ttlSeconds);

    /** Add redirect from old to new: the host's records become one URL301 record to {@code url}. */
    Ensured<ZoneChange> ensurePermanentRedirect(String zone, String host, String url, int ttlSeconds);

    /** Rollback: the host's records become exactly {@code records} again (other hosts untouched). */
    Ensured<ZoneChange> restoreHost(String zone, String host, List<HostRecord> records);
}
