package dev.cutover.dns;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Records a responder answers from, the way a recursive resolver would: the question's records, or
 * the CNAME chain to them in one answer; NXDOMAIN for a name nobody has, NOERROR with the zone's
 * SOA for a name without that type. Immutable once built.
 */
final class RecordTable implements DnsAnswers {

    private static final int MAX_CHAIN = 8;

    private final Map<Name, List<Record>> byOwner;
    private final List<SOARecord> zones;

    private RecordTable(Map<Name, List<Record>> byOwner, List<SOARecord> zones) {
        this.byOwner = byOwner;
        this.zones = zones;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        Name current = question.getName();
        int type = question.getType();
        for (int hop = 0; hop < MAX_CHAIN; hop++) {
            List<Record> here = byOwner.get(current);
            if (here == null && hasNamesUnder(current)) {
                soaOf(current).ifPresent(soa -> response.addRecord(soa, Section.AUTHORITY));
                return response;
            }
            if (here == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                soaOf(current).ifPresent(soa -> response.addRecord(soa, Section.AUTHORITY));
                return response;
            }
            List<Record> wanted = here.stream().filter(r -> r.getType() == type || type == Type.ANY).toList();
            if (!wanted.isEmpty()) {
                wanted.forEach(r -> response.addRecord(r, Section.ANSWER));
                return response;
            }
            Optional<Record> cname = here.stream().filter(r -> r.getType() == Type.CNAME).findFirst();
            if (cname.isEmpty()) {
                soaOf(current).ifPresent(soa -> response.addRecord(soa, Section.AUTHORITY));
                return response;
            }
            response.addRecord(cname.get(), Section.ANSWER);
            current = ((CNAMERecord) cname.get()).getTarget();
        }
        return response;
    }

    /** An empty non-terminal (www when only _acme.www has records) exists: NOERROR without data, not NXDOMAIN. */
    private boolean hasNamesUnder(Name name) {
        return byOwner.keySet().stream().anyMatch(owner -> !owner.equals(name) && owner.subdomain(name));
    }

    private Optional<SOARecord> soaOf(Name name) {
        return zones.stream()
                .filter(soa -> name.subdomain(soa.getName()))
                .max((a, b) -> Integer.compare(a.getName().labels(), b.getName().labels()));
    }

    static final class Builder {

        private final Map<Name, List<Record>> byOwner = new HashMap<>();
        private final List<SOARecord> zones = new ArrayList<>();

        /** A zone the table is authoritative for: its apex answers SOA, names under it get NXDOMAIN with it. */
        Builder zone(String apex, String soa, long ttl) {
            SOARecord record = (SOARecord) parse(apex, "SOA", ttl, soa);
            zones.add(record);
            return add(record);
        }

        boolean hasZone(String name) {
            Name parsed = name(name);
            return zones.stream().anyMatch(soa -> parsed.subdomain(soa.getName()));
        }

        /** A record from its presentation form: {@code 192.0.2.1}, {@code target.example.com.}, {@code 10 mx.example.com.}. */
        Builder record(String owner, String type, long ttl, String value) {
            return add(parse(owner, type, ttl, value));
        }

        Builder a(String owner, long ttl, String address) {
            try {
                return add(new ARecord(name(owner), DClass.IN, ttl, Address.getByAddress(address, Address.IPv4)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 address", e);
            }
        }

        Builder cname(String owner, long ttl, String target) {
            return add(new CNAMERecord(name(owner), DClass.IN, ttl, name(target)));
        }

        Builder add(Record record) {
            byOwner.computeIfAbsent(record.getName(), n -> new ArrayList<>()).add(record);
            return this;
        }

        boolean has(String name) {
            return byOwner.containsKey(name(name));
        }

        List<Record> recordsAt(String name) {
            return List.copyOf(byOwner.getOrDefault(name(name), List.of()));
        }

        List<Name> cnameTargets() {
            return byOwner.values().stream().flatMap(List::stream)
                    .filter(r -> r instanceof CNAMERecord).map(r -> ((CNAMERecord) r).getTarget()).toList();
        }

        RecordTable build() {
            Map<Name, List<Record>> copy = new HashMap<>();
            byOwner.forEach((owner, records) -> copy.put(owner, List.copyOf(records)));
            return new RecordTable(copy, List.copyOf(zones));
        }

        private static Record parse(String owner, String type, long ttl, String value) {
            int recordType = Type.value(type);
            if (recordType < 0) {
                throw new IllegalArgumentException("'" + type + "' is not a DNS record type");
            }
            try {
                return Record.fromString(name(owner), recordType, DClass.IN, ttl, value, Name.root);
            } catch (IOException e) {
                throw new IllegalArgumentException("'" + value + "' is not a " + type + " value: " + e.getMessage(), e);
            }
        }
    }

    static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name", e);
        }
    }
}
