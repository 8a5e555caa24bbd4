package dev.cutover.namecheap;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one way this package changes a Namecheap zone, for the adapter and its rehearsal twin alike.
 * setHosts replaces the whole zone, so a change is: the full list as read, the records of one host
 * replaced, a guard that every other host's records are sent back exactly as they were, the write,
 * and a read-back that must equal what was written.
 */
final class ZoneEdit {

    static final int MIN_TTL = 60;
    static final int MAX_TTL = 60000;
    /** The MXPref Namecheap reports for records that have no preference. */
    static final int NO_MX_PREF = 10;

    private static final Set<String> HOSTNAME_TARGETS = Set.of("CNAME", "MX", "ALIAS", "NS");

    private ZoneEdit() {
    }

    /** What the records of one host should become, given what they are now. */
    @FunctionalInterface
    interface HostEdit {
        List<HostRecord> apply(String zone, String host, List<HostRecord> current);
    }

    static HostEdit ttl(int ttlSeconds) {
        checkTtl(ttlSeconds);
        return (zone, host, current) -> {
            if (current.isEmpty()) {
                throw new StepFailedException("Namecheap zone " + zone + " has no records for host '" + host
                        + "': there is nothing to set a TTL of " + ttlSeconds + " s on");
            }
            return current.stream()
                    .map(record -> new HostRecord(record.name(), record.type(), record.address(), record.mxPref(),
                            ttlSeconds))
                    .toList();
        };
    }

    static HostEdit permanentRedirect(String url, int ttlSeconds) {
        checkTtl(ttlSeconds);
        if (url == null || !url.matches("https?://\\S+")) {
            throw new IllegalArgumentException("a permanent redirect needs an http(s) URL, was '" + url + "'");
        }
        return (zone, host, current) -> List.of(new HostRecord(host, "URL301", url, NO_MX_PREF, ttlSeconds));
    }

    static HostEdit exactly(List<HostRecord> records) {
        List<HostRecord> wanted = List.copyOf(records);
        return (zone, host, current) -> wanted;
    }

    /**
     * Reads {@code before}, writes the zone with only {@code host}'s records changed when they differ
     * from what {@code edit} wants, and checks the zone read back afterwards.
     */
    static Ensured<ZoneChange> ensure(String zone, String host, List<HostRecord> before, HostEdit edit,
            Consumer<List<HostRecord>> write, Supplier<List<HostRecord>> readBack) {
        List<HostRecord> current = recordsOf(host, before);
        List<HostRecord> wanted = edit.apply(zone, host, current);
        if (sameRecords(current, wanted)) {
            return Ensured.alreadyDone(new ZoneChange(zone, host, List.copyOf(before), List.copyOf(before)));
        }
        List<HostRecord> intended = withHost(before, host, wanted);
        guardOtherHosts(zone, host, before, intended);
        write.accept(intended);
        List<HostRecord> after = readBack.get();
        verifyWritten(zone, host, intended, after, current);
        return Ensured.changed(new ZoneChange(zone, host, List.copyOf(before), List.copyOf(after)));
    }

    /**
     * Refuses {@code after} unless every record of every host but {@code host} is in it exactly as in
     * {@code before}, and it adds no record to another host.
     */
    static void guardOtherHosts(String zone, String host, List<HostRecord> before, List<HostRecord> after) {
        List<HostRecord> othersBefore = othersOf(host, before);
        List<HostRecord> othersAfter = othersOf(host, after);
        List<HostRecord> lost = missingFrom(othersAfter, othersBefore);
        List<HostRecord> added = missingFrom(othersBefore, othersAfter);
        if (lost.isEmpty() && added.isEmpty()) {
            return;
        }
        List<String> altered = new ArrayList<>();
        for (Iterator<HostRecord> lostRecords = lost.iterator(); lostRecords.hasNext(); ) {
            HostRecord was = lostRecords.next();
            added.stream()
                    .filter(now -> sameHost(now.name(), was.name()) && now.type().equalsIgnoreCase(was.type()))
                    .findFirst()
                    .ifPresent(now -> {
                        altered.add(describe(was) + " -> " + describe(now));
                        added.remove(now);
                        lostRecords.remove();
                    });
        }
        List<String> problems = new ArrayList<>();
        if (!lost.isEmpty()) {
            problems.add("lost " + describe(lost));
        }
        if (!altered.isEmpty()) {
            problems.add("altered " + String.join(", ", altered));
        }
        if (!added.isEmpty()) {
            problems.add("added " + describe(added));
        }
        throw new StepFailedException("Refusing to write Namecheap zone " + zone + ": changing host '" + host
                + "' must leave every other host's records as they are, but the new list has "
                + String.join("; ", problems) + ". Nothing was written.");
    }

    /** The records of {@code host}, as Namecheap matches host names (case does not matter). */
    static List<HostRecord> recordsOf(String host, List<HostRecord> zone) {
        return zone.stream().filter(record -> sameHost(record.name(), host)).toList();
    }

    /** True when both lists hold the same records, in any order, compared as DNS would serve them. */
    static boolean sameRecords(List<HostRecord> one, List<HostRecord> other) {
        return one.size() == other.size() && missingFrom(other, one).isEmpty();
    }

    static String describe(HostRecord record) {
        String pref = isMx(record.type()) ? " pref " + record.mxPref() : "";
        return record.name() + " " + record.type() + " " + record.address() + pref + " TTL " + record.ttl();
    }

    static String describe(List<HostRecord> records) {
        return records.isEmpty() ? "(none)"
                : records.stream().map(ZoneEdit::describe).collect(Collectors.joining(", "));
    }

    private static void verifyWritten(String zone, String host, List<HostRecord> intended, List<HostRecord> after,
            List<HostRecord> hostBefore) {
        List<HostRecord> missing = missingFrom(after, intended);
        List<HostRecord> unexpected = missingFrom(intended, after);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        throw new StepFailedException("Namecheap zone " + zone + " read back after setHosts differs from what was"
                + " written for host '" + host + "': missing " + describe(missing) + "; unexpected "
                + describe(unexpected) + ". Check the zone in Namecheap; host '" + host + "' had "
                + describe(hostBefore) + " before.");
    }

    private static List<HostRecord> withHost(List<HostRecord> zone, String host, List<HostRecord> hostRecords) {
        List<HostRecord> result = new ArrayList<>();
        boolean placed = false;
        for (HostRecord record : zone) {
            if (!sameHost(record.name(), host)) {
                result.add(record);
            } else if (!placed) {
                result.addAll(hostRecords);
                placed = true;
            }
        }
        if (!placed) {
            result.addAll(hostRecords);
        }
        return result;
    }

    private static List<HostRecord> othersOf(String host, List<HostRecord> zone) {
        return zone.stream().filter(record -> !sameHost(record.name(), host)).toList();
    }

    /** The records of {@code wanted} that {@code found} lacks, counting duplicates. */
    private static List<HostRecord> missingFrom(List<HostRecord> found, List<HostRecord> wanted) {
        Map<Key, Integer> available = new HashMap<>();
        found.forEach(record -> available.merge(Key.of(record), 1, Integer::sum));
        List<HostRecord> missing = new ArrayList<>();
        for (HostRecord record : wanted) {
            Key key = Key.of(record);
            if (available.getOrDefault(key, 0) > 0) {
                available.merge(key, -1, Integer::sum);
            } else {
                missing.add(record);
            }
        }
        return missing;
    }

    private static boolean sameHost(String one, String other) {
        return one.equalsIgnoreCase(other);
    }

    private static boolean isMx(String type) {
        return "MX".equalsIgnoreCase(type);
    }

    private static void checkTtl(int ttlSeconds) {
        if (ttlSeconds < MIN_TTL || ttlSeconds > MAX_TTL) {
            throw new IllegalArgumentException("Namecheap takes TTLs of " + MIN_TTL + " to " + MAX_TTL
                    + " seconds, not " + ttlSeconds);
        }
    }

    /**
     * A record as DNS serves it: host names without case, a target host with or without its final dot
     * (Namecheap reports CNAME targets with one), MXPref only where it means something.
     */
    private record Key(String name, String type, String address, int mxPref, int ttl) {

        static Key of(HostRecord record) {
            String type = record.type().toUpperCase(Locale.ROOT);
            String address = HOSTNAME_TARGETS.contains(type) ? hostname(record.address()) : record.address();
            return new Key(record.name().toLowerCase(Locale.ROOT), type, address, isMx(type) ? record.mxPref() : 0,
                    record.ttl());
        }

        private static String hostname(String target) {
            String lower = target.toLowerCase(Locale.ROOT);
            return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        }
    }
}
