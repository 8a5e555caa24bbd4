package dev.cutover.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.namecheap.ZoneChange;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** How a Namecheap change reads in the ledger: the host's records before → after, and the zone as it was. */
@Component
class ZoneRecords {

    private final ObjectMapper json;

    ZoneRecords(ObjectMapper json) {
        this.json = json;
    }

    String describe(ZoneChange change) {
        return change.host() + "." + change.zone() + ": " + show(of(change.before(), change.host())) + " → "
                + show(of(change.after(), change.host()));
    }

    /** What a rollback restores: the zone, the host, and the host's records (and the whole zone) as they were. */
    Map<String, String> undo(ZoneChange change) {
        return Map.of("zone", change.zone(), "host", change.host(),
                "previousHostRecords", write(of(change.before(), change.host())),
                "previousZone", write(change.before()));
    }

    private static List<HostRecord> of(List<HostRecord> records, String host) {
        return records.stream().filter(record -> record.name().equalsIgnoreCase(host)).toList();
    }

    private static String show(List<HostRecord> records) {
        return records.isEmpty() ? "(none)" : String.join(", ", records.stream()
                .map(r -> r.type() + " " + r.address() + " TTL " + r.ttl()).toList());
    }

    private String write(List<HostRecord> records) {
        try {
            return json.writeValueAsString(records);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the saved DNS records", e);
        }
    }
}
