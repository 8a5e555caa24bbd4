package dev.cutover.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks each resolver with dnsjava: one {@link SimpleResolver} per resolver (UDP, TCP when an answer
 * comes back truncated; see {@link AskedResolver}), a fresh cache per lookup (dnsjava's JVM-wide cache would answer repeat
 * polls with what it saw first) and no hosts file. The same code runs live and in rehearsal, where
 * the plan's one resolver is the rehearsal's own responder.
 */
@Component
class DnsjavaPropagation implements DnsPort {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** As many CNAME hops as dnsjava's Lookup follows before it calls it a loop. */
    private static final int MAX_CHAIN = 16;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration timeout;

    DnsjavaPropagation() {
        this(TIMEOUT);
    }

    DnsjavaPropagation(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public PropagationReport propagation(String name, String type, String expected, List<Resolver> resolvers) {
        if (name == null || name.isBlank() || type == null || type.isBlank() || expected == null || expected.isBlank()) {
            throw new IllegalArgumentException("Checking DNS needs a name, a record type and the expected value;"
                    + " got name '" + name + "', type '" + type + "', expected '" + expected + "'");
        }
        if (resolvers == null || resolvers.isEmpty()) {
            throw new IllegalArgumentException("Checking DNS of " + name + " needs at least one resolver to ask");
        }
        Name queried = absolute(name);
        int recordType = Type.value(type.trim().toUpperCase(Locale.ROOT));
        if (recordType < 0) {
            throw new IllegalArgumentException("'" + type + "' is not a DNS record type (A, AAAA, CNAME, TXT…)");
        }
        String wanted = plain(expected);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(resolvers.size(), 8), task -> {
            Thread thread = new Thread(task, "dns-propagation-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ResolverAnswer>> asked = new ArrayList<>();
            for (Resolver resolver : resolvers) {
                asked.add(pool.submit(() -> ask(resolver, queried, recordType, wanted)));
            }
            List<ResolverAnswer> answers = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                answers.add(collect(asked.get(i), resolvers.get(i)));
            }
            return new PropagationReport(plain(name), Type.string(recordType), expected.trim(), answers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ResolverAnswer collect(Future<ResolverAnswer> answer, Resolver resolver) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + resolver + " for DNS", e);
        } catch (ExecutionException e) {
            return failed(resolver, "error: " + e.getCause());
        }
    }

    private ResolverAnswer ask(Resolver resolver, Name name, int type, String expected) {
        InetSocketAddress address = new InetSocketAddress(resolver.host(), resolver.port());
        if (address.isUnresolved()) {
            return failed(resolver, "error: the resolver's host " + resolver.host() + " has no address");
        }
        AskedResolver dns = new AskedResolver(address, timeout);
        return type == Type.CNAME ? cnameChain(resolver, dns, name, expected) : records(resolver, dns, name, type, expected);
    }

    /** CNAME hop by hop (a resolver answers a CNAME query with one hop), until {@code expected} or the end. */
    private static ResolverAnswer cnameChain(Resolver resolver, AskedResolver dns, Name name, String expected) {
        List<String> targets = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        String result = null;
        Name current = name;
        for (int hop = 0; hop < MAX_CHAIN && !targets.contains(expected); hop++) {
            Lookup lookup = lookup(dns, current, Type.CNAME);
            int outcome = lookup.getResult();
            boolean chainEnds = outcome == Lookup.TYPE_NOT_FOUND || outcome == Lookup.HOST_NOT_FOUND;
            if (hop == 0 || !chainEnds) {
                result = result(lookup, dns);
            }
            if (outcome != Lookup.SUCCESSFUL) {
                break;
            }
            CNAMERecord cname = first(lookup.getAnswers(), CNAMERecord.class);
            if (cname == null) {
                break;
            }
            targets.add(plain(cname.getTarget()));
            ttl = Math.min(ttl, cname.getTTL());
            current = cname.getTarget();
        }
        return new ResolverAnswer(resolver.name(), targets, ttl == Long.MAX_VALUE ? 0 : ttl, result,
                targets.contains(expected));
    }

    private static ResolverAnswer records(Resolver resolver, AskedResolver dns, Name name, int type, String expected) {
        Lookup lookup = lookup(dns, name, type);
        List<String> chain = chain(dns, lookup);
        List<String> values = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        Record[] answers = lookup.getResult() == Lookup.SUCCESSFUL ? lookup.getAnswers() : new Record[0];
        for (Record record : answers) {
            if (record.getType() == type) {
                values.add(value(record));
                ttl = Math.min(ttl, record.getTTL());
            }
        }
        boolean matches;
        if (type == Type.A || type == Type.AAAA) {
            matches = isAddress(expected)
                    ? values.stream().anyMatch(address -> sameAddress(address, expected))
                    : chain.contains(expected) || (!values.isEmpty() && overlaps(dns, values, expected, type));
        } else {
            matches = chain.contains(expected) || values.stream().anyMatch(value -> plain(value).equals(expected));
        }
        List<String> shown = new ArrayList<>(chain);
        shown.addAll(values);
        return new ResolverAnswer(resolver.name(), shown, ttl == Long.MAX_VALUE ? 0 : ttl, result(lookup, dns), matches);
    }

    /**
     * The CNAME targets the lookup went through, in order. dnsjava lists the names it left, so the
     * last target is the owner of the answers, or, when the chain ends nowhere, one more question.
     */
    private static List<String> chain(AskedResolver dns, Lookup lookup) {
        Name[] aliases = lookup.getAliases();
        if (aliases.length == 0) {
            return List.of();
        }
        Set<String> targets = new LinkedHashSet<>();
        for (int i = 1; i < aliases.length; i++) {
            targets.add(plain(aliases[i]));
        }
        int result = lookup.getResult();
        Record[] answers = result == Lookup.SUCCESSFUL ? lookup.getAnswers() : null;
        if (answers != null && answers.length > 0) {
            targets.add(plain(answers[0].getName()));
        } else if (result == Lookup.HOST_NOT_FOUND || result == Lookup.TYPE_NOT_FOUND) {
            Lookup last = lookup(dns, aliases[aliases.length - 1], Type.CNAME);
            CNAMERecord cname = last.getResult() == Lookup.SUCCESSFUL ? first(last.getAnswers(), CNAMERecord.class) : null;
            if (cname != null) {
                targets.add(plain(cname.getTarget()));
            }
        }
        return List.copyOf(targets);
    }

    /** Same-moment overlap with the target's own addresses: how an alias A record is recognised. */
    private static boolean overlaps(AskedResolver dns, List<String> addresses, String target, int type) {
        Name targetName;
        try {
            targetName = Name.fromString(target, Name.root);
        } catch (TextParseException e) {
            return false;
        }
        Lookup lookup = lookup(dns, targetName, type);
        if (lookup.getResult() != Lookup.SUCCESSFUL) {
            return false;
        }
        for (Record record : lookup.getAnswers()) {
            if (record.getType() == type && addresses.stream().anyMatch(a -> sameAddress(a, value(record)))) {
                return true;
            }
        }
        return false;
    }

    private static Lookup lookup(AskedResolver dns, Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(dns);
        lookup.setCache(null);
        lookup.setHostsFileParser(null);
        lookup.run();
        return lookup;
    }

    private static String result(Lookup lookup, AskedResolver dns) {
        int result = lookup.getResult();
        String error = "network error".equals(lookup.getErrorString()) && dns.failure() != null
                ? "network error (" + dns.failure() + ")" : lookup.getErrorString();
        return switch (result) {
            case Lookup.SUCCESSFUL -> "SUCCESSFUL";
            case Lookup.HOST_NOT_FOUND -> "HOST_NOT_FOUND";
            case Lookup.TYPE_NOT_FOUND -> "TYPE_NOT_FOUND";
            case Lookup.TRY_AGAIN -> "timed out".equals(error) ? "timeout" : "TRY_AGAIN: " + error;
            case Lookup.UNRECOVERABLE -> "UNRECOVERABLE: " + error;
            default -> "error: " + error;
        };
    }

    private static String value(Record record) {
        if (record instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (record instanceof AAAARecord aaaa) {
            return aaaa.getAddress().getHostAddress();
        }
        if (record instanceof CNAMERecord cname) {
            return plain(cname.getTarget());
        }
        if (record instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        return plain(record.rdataToString());
    }

    private static <T extends Record> T first(Record[] records, Class<T> type) {
        if (records == null) {
            return null;
        }
        for (Record record : records) {
            if (type.isInstance(record)) {
                return type.cast(record);
            }
        }
        return null;
    }

    private static ResolverAnswer failed(Resolver resolver, String result) {
        return new ResolverAnswer(resolver.name(), List.of(), 0, result, false);
    }

    private static boolean isAddress(String value) {
        return Address.toByteArray(value, Address.IPv4) != null || Address.toByteArray(value, Address.IPv6) != null;
    }

    private static boolean sameAddress(String one, String other) {
        byte[] a = bytes(one);
        byte[] b = bytes(other);
        return a != null && Arrays.equals(a, b);
    }

    private static byte[] bytes(String address) {
        byte[] v4 = Address.toByteArray(address, Address.IPv4);
        return v4 != null ? v4 : Address.toByteArray(address, Address.IPv6);
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(plain(name), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    static String plain(Name name) {
        return plain(name.toString());
    }

    static String plain(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
