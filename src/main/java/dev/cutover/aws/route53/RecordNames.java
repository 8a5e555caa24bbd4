package dev.cutover.aws.route53;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How names and values are spelled: the Route53 API wants fully qualified names ending in a dot
 * and answers in lower case with octal escapes ({@code \052} for {@code *}); the port speaks plain
 * lower-case names without the dot.
 */
final class RecordNames {

    /** Types whose values are domain names, so compared and reported like names. */
    private static final Set<String> NAME_VALUED = Set.of("CNAME", "NS", "PTR", "MX", "SRV");

    private RecordNames() {
    }

    static String fqdn(String name) {
        return plain(name) + ".";
    }

    static String plain(String name) {
        String unescaped = unescape(name.trim()).toLowerCase(Locale.ROOT);
        return unescaped.endsWith(".") ? unescaped.substring(0, unescaped.length() - 1) : unescaped;
    }

    static String type(String type) {
        return type.trim().toUpperCase(Locale.ROOT);
    }

    static String value(String type, String value) {
        return NAME_VALUED.contains(type(type)) ? plain(value) : value;
    }

    static boolean sameValue(String type, String current, String wanted) {
        return value(type, current).equals(value(type, wanted));
    }

    /** One record per name and type (names plain, types upper case); refuses two values for one. */
    static List<DnsRecord> oneEach(List<DnsRecord> records) {
        Map<String, DnsRecord> byKey = new LinkedHashMap<>();
        for (DnsRecord record : records) {
            DnsRecord normal = new DnsRecord(plain(record.name()), type(record.type()), record.value(), record.ttl());
            DnsRecord earlier = byKey.putIfAbsent(normal.name() + " " + normal.type(), normal);
            if (earlier != null && !(sameValue(earlier.type(), earlier.value(), normal.value())
                    && earlier.ttl() == normal.ttl())) {
                throw new IllegalArgumentException("Two different " + normal.type() + " records for '" + normal.name()
                        + "' in one change: '" + earlier.value() + "' and '" + normal.value() + "'");
            }
        }
        return List.copyOf(byKey.values());
    }

    static String zoneId(String hostedZoneId) {
        return hostedZoneId.startsWith("/hostedzone/") ? hostedZoneId.substring("/hostedzone/".length()) : hostedZoneId;
    }

    static String changeId(String changeId) {
        return changeId.startsWith("/change/") ? changeId.substring("/change/".length()) : changeId;
    }

    private static String unescape(String name) {
        if (name.indexOf('\\') < 0) {
            return name;
        }
        StringBuilder plain = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && isOctal(name, i + 1)) {
                plain.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    private static boolean isOctal(String name, int from) {
        if (from + 3 > name.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
