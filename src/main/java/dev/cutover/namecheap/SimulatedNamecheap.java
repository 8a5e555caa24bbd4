package dev.cutover.namecheap;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of the organisation's zone at Namecheap, as the runbook finds it: the old name a
 * CNAME to the Heroku app, its TTL already down to 60 s, beside the rest of the organisation's
 * records (site, mail, verifications, other apps). Changes go through the same {@link ZoneEdit} as
 * the real adapter's. The fault {@code namecheap.error} makes the next call answer like an API
 * error, {@code namecheap.outage} fails it as an unreachable API would.
 */
@Component
@Profile("rehearsal")
class SimulatedNamecheap implements NamecheapPort, WorldPart {

    static final String SYSTEM = "namecheap";

    private static final int AUTOMATIC = 1800;

    private final WorldStore world;
    private final Faults faults;
    private final String zone;
    private final String oldHost;
    private final String herokuTarget;

    SimulatedNamecheap(WorldStore world, Faults faults, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.zone = plan.domains().old().namecheapZone();
        this.oldHost = plan.domains().old().namecheapHost();
        this.herokuTarget = plan.heroku().app() + ".herokudns.com";
    }

    @Override
    public List<HostRecord> hosts(String zoneName) {
        answer("Reading the hosts of Namecheap zone " + zoneName);
        return zoneOf(world.read(SYSTEM, State.class, this::initial), zoneName).records();
    }

    @Override
    public Ensured<ZoneChange> ensureTtl(String zoneName, String host, int ttlSeconds) {
        return ensure(zoneName, host, ZoneEdit.ttl(ttlSeconds));
    }

    @Override
    public Ensured<ZoneChange> ensurePermanentRedirect(String zoneName, String host, String url, int ttlSeconds) {
        return ensure(zoneName, host, ZoneEdit.permanentRedirect(url, ttlSeconds));
    }

    @Override
    public Ensured<ZoneChange> restoreHost(String zoneName, String host, List<HostRecord> records) {
        return ensure(zoneName, host, ZoneEdit.exactly(records));
    }

    private Ensured<ZoneChange> ensure(String zoneName, String host, ZoneEdit.HostEdit edit) {
        answer("Writing the hosts of Namecheap zone " + zoneName);
        return world.change(SYSTEM, State.class, this::initial, state -> {
            ZoneState found = zoneOf(state, zoneName);
            return ZoneEdit.ensure(zoneName, host, found.records(), edit, found::replace, found::records);
        });
    }

    private void answer(String doing) {
        faults.outage("namecheap.outage", doing + ": Namecheap did not answer: I/O error on POST request for"
                + " \"https://api.namecheap.com/xml.response\": Connection reset");
        if (faults.trip("namecheap.error")) {
            throw new StepFailedException(doing + ": Namecheap answered ERROR (error 2030166: Edit permission"
                    + " for domain is not supported)"
                    + " (fault injected by the rehearsal: namecheap.error)");
        }
    }

    private static ZoneState zoneOf(State state, String zoneName) {
        ZoneState found = state.zones.get(zoneName);
        if (found == null) {
            throw new StepFailedException("Reading the hosts of Namecheap zone " + zoneName
                    + ": Namecheap answered ERROR (error 2019166: Domain not found)");
        }
        return found;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        Map<String, Object> zones = new LinkedHashMap<>();
        world.read(SYSTEM, State.class, this::initial).zones.forEach((name, found) -> {
            List<Map<String, Object>> records = found.records().stream().map(record -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("name", record.name());
                shown.put("type", record.type());
                shown.put("address", record.address());
                if ("MX".equals(record.type())) {
                    shown.put("mxPref", record.mxPref());
                }
                shown.put("ttl", record.ttl());
                return shown;
            }).toList();
            zones.put(name, Map.of("usingNamecheapDns", true, "emailType", found.emailType, "records", records));
        });
        return zones;
    }

    private State initial() {
        ZoneState organisation = new ZoneState();
        organisation.emailType = "MX";
        organisation.replace(List.of(
                record("@", "A", "75.2.60.5", AUTOMATIC),
                record("www", "CNAME", "codeforamerica.netlify.app.", AUTOMATIC),
                mx("aspmx.l.google.com.", 1),
                mx("alt1.aspmx.l.google.com.", 5),
                mx("alt2.aspmx.l.google.com.", 5),
                mx("alt3.aspmx.l.google.com.", 10),
                mx("alt4.aspmx.l.google.com.", 10),
                record("@", "TXT", "v=spf1 include:_spf.google.com include:mailgun.org ~all", AUTOMATIC),
                record("@", "TXT", "google-site-verification=q7Xk2m9RZ0dPpVtN4sLh1bC8yWfA6eJuKoIgT3nHzE5", AUTOMATIC),
                record("_dmarc", "TXT", "v=DMARC1; p=quarantine; rua=mailto:dmarc@" + zone, AUTOMATIC),
                record("donate", "URL301", "https://secure.givelively.org/donate/code-for-america", AUTOMATIC),
                record("getcalfresh", "CNAME", "getcalfresh.herokudns.com.", AUTOMATIC),
                record("status", "CNAME", "stats.pingdom.com.", AUTOMATIC),
                record("brigade", "CNAME", "brigade-network.netlify.app.", AUTOMATIC),
                record(oldHost, "CNAME", herokuTarget + ".", 60)));
        State state = new State();
        state.zones.put(zone, organisation);
        return state;
    }

    private static HostRecord record(String name, String type, String address, int ttl) {
        return new HostRecord(name, type, address, ZoneEdit.NO_MX_PREF, ttl);
    }

    private static HostRecord mx(String address, int pref) {
        return new HostRecord("@", "MX", address, pref, AUTOMATIC);
    }

    static class State {
        Map<String, ZoneState> zones = new LinkedHashMap<>();
    }

    static class ZoneState {
        String emailType;
        List<RecordState> records = new ArrayList<>();

        List<HostRecord> records() {
            return records.stream().map(RecordState::as).toList();
        }

        void replace(List<HostRecord> written) {
            records = new ArrayList<>(written.stream().map(RecordState::of).toList());
        }
    }

    static class RecordState {
        String name;
        String type;
        String address;
        int mxPref;
        int ttl;

        static RecordState of(HostRecord record) {
            RecordState state = new RecordState();
            state.name = record.name();
            state.type = record.type();
            state.address = record.address();
            state.mxPref = record.mxPref();
            state.ttl = record.ttl();
            return state;
        }

        HostRecord as() {
            return new HostRecord(name, type, address, mxPref, ttl);
        }
    }
}
