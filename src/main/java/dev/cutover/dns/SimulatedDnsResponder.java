package dev.cutover.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The rehearsal's DNS, answering UDP on 127.0.0.1:{@code cutover.rehearsal.dns-port} like a public
 * resolver would, from the simulated world as it is at each query: the new domain's zone in the
 * Route53 twin (an alias A answers with its target's addresses), the organisation's zone in the
 * Namecheap twin (a URL redirect record answers with Namecheap's URL forwarder, an A record at
 * {@value #NAMECHEAP_URL_FORWARDER}), and the names those point at outside the world (Heroku's DNS
 * target, the S3 website endpoint, CloudFront…) with made-up, stable addresses. Anything else is
 * NXDOMAIN. The plan's one rehearsal resolver is this, so the propagation check runs unchanged.
 */
@Component
@Profile("rehearsal")
class SimulatedDnsResponder implements SmartLifecycle, WorldPart {

    static final String SYSTEM = "dns";
    static final String PORT_PROPERTY = "cutover.rehearsal.dns-port";
    static final String NAMECHEAP_URL_FORWARDER = "192.64.119.204";
    static final long OUTSIDE_TTL = 60;

    private static final Logger log = LoggerFactory.getLogger(SimulatedDnsResponder.class);
    private static final String ROUTE53 = "route53";
    private static final String NAMECHEAP = "namecheap";
    private static final String GENERIC_SOA = "ns1.invalid. hostmaster.invalid. 1 7200 900 1209600 300";
    private static final String NAMECHEAP_SOA =
            "dns1.registrar-servers.com. hostmaster.registrar-servers.com. 1 43200 3600 604800 3601";
    private static final List<String> NAMECHEAP_NAME_SERVERS =
            List.of("dns1.registrar-servers.com.", "dns2.registrar-servers.com.");

    private final WorldStore world;
    private final MigrationPlan plan;
    private final ObjectProvider<WorldPart> parts;
    private final int port;
    private volatile UdpDnsResponder responder;

    @Autowired
    SimulatedDnsResponder(WorldStore world, MigrationPlan plan, RehearsalSettings settings,
            ObjectProvider<WorldPart> parts) {
        this(world, plan, parts, settings.dnsPort());
    }

    SimulatedDnsResponder(WorldStore world, MigrationPlan plan, ObjectProvider<WorldPart> parts, int port) {
        this.world = world;
        this.plan = plan;
        this.parts = parts;
        this.port = port;
    }

    int port() {
        return port;
    }

    @Override
    public void start() {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try {
            responder = UdpDnsResponder.start(address, query -> names().answer(query));
        } catch (BindException e) {
            throw new IllegalStateException("The rehearsal's DNS responder cannot listen on UDP 127.0.0.1:" + port
                    + " (" + e.getMessage() + "): another program holds that port."
                    + " Set " + PORT_PROPERTY + " to a free port.", e);
        } catch (SocketException e) {
            throw new IllegalStateException("The rehearsal's DNS responder cannot listen on UDP 127.0.0.1:" + port
                    + ": " + e.getMessage() + ". Set " + PORT_PROPERTY + " to a port it may use.", e);
        }
        log.info("Rehearsal DNS answers on UDP 127.0.0.1:{} from the simulated Route53 and Namecheap zones", port);
    }

    @Override
    public void stop() {
        UdpDnsResponder running = responder;
        responder = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return responder != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    /** What the world's DNS holds right now. */
    RecordTable names() {
        RecordTable.Builder names = RecordTable.builder();
        List<String[]> aliases = new ArrayList<>();
        route53(document(ROUTE53), names, aliases);
        namecheap(document(NAMECHEAP), names);
        List<String> outside = new ArrayList<>();
        names.cnameTargets().forEach(target -> outside.add(plain(target.toString())));
        aliases.forEach(alias -> outside.add(alias[1]));
        for (String target : outside) {
            if (!names.hasZone(target) && !names.has(target)) {
                names.a(target, OUTSIDE_TTL, outsideAddress(target));
            }
        }
        for (String[] alias : aliases) {
            for (String address : addressesAt(names, alias[1])) {
                names.a(alias[0], OUTSIDE_TTL, address);
            }
        }
        return names.build();
    }

    /** A twin's stored document; the twin's own view of its initial world while nothing has touched it yet. */
    private JsonNode document(String system) {
        JsonNode stored = world.read(system, JsonNode.class, MissingNode::getInstance);
        if (!stored.isMissingNode()) {
            return stored;
        }
        return parts.stream().filter(part -> part.system().equals(system)).findFirst()
                .<JsonNode>map(part -> world.toTree(part.view()))
                .orElse(MissingNode.getInstance());
    }

    /**
     * Route53's zones, stored ({@code zones.<id>.records.<"name TYPE">} with {@code values} and
     * {@code alias.dnsName}) or as its view shows them ({@code zones.<name>.records[]} with one
     * {@code value}, an alias being an A record whose value is a host name).
     */
    private static void route53(JsonNode document, RecordTable.Builder names, List<String[]> aliases) {
        for (Iterator<Map.Entry<String, JsonNode>> zones = document.path("zones").fields(); zones.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = zones.next();
            JsonNode zone = entry.getValue();
            String apex = plain(zone.path("name").asText(entry.getKey()));
            List<JsonNode> records = new ArrayList<>();
            zone.path("records").elements().forEachRemaining(records::add);
            JsonNode soa = records.stream().filter(record -> "SOA".equals(record.path("type").asText()))
                    .findFirst().orElse(MissingNode.getInstance());
            String soaValue = values(soa).stream().findFirst().orElse(GENERIC_SOA);
            add(() -> names.zone(apex, soaValue, soa.path("ttl").asLong(900)), "the SOA of " + apex);
            for (JsonNode record : records) {
                String name = plain(record.path("name").asText());
                String type = record.path("type").asText().toUpperCase(Locale.ROOT);
                long ttl = record.path("ttl").asLong(300);
                String aliasTarget = record.path("alias").path("dnsName").asText(null);
                List<String> values = values(record);
                if (aliasTarget == null && "A".equals(type) && values.size() == 1 && !isAddress(values.get(0))) {
                    aliasTarget = values.get(0);
                }
                if (aliasTarget != null) {
                    aliases.add(new String[] {name, plain(aliasTarget)});
                } else if (!"SOA".equals(type)) {
                    values.forEach(value -> add(() -> names.record(name, type, ttl, value), type + " " + name));
                }
            }
        }
    }

    private static List<String> values(JsonNode record) {
        List<String> values = new ArrayList<>();
        if (record.path("values").isArray()) {
            record.path("values").forEach(value -> values.add(value.asText()));
        } else if (record.hasNonNull("value")) {
            for (String value : record.path("value").asText().split("\n")) {
                values.add(value);
            }
        }
        return values;
    }

    /** Namecheap's zones, stored ({@code zones.<zone>.records[]}) or as its view shows them ({@code <zone>.records[]}). */
    private static void namecheap(JsonNode document, RecordTable.Builder names) {
        JsonNode zones = document.has("zones") ? document.path("zones") : document;
        for (Iterator<Map.Entry<String, JsonNode>> all = zones.fields(); all.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = all.next();
            String zone = plain(entry.getKey());
            add(() -> names.zone(zone, NAMECHEAP_SOA, 3601), "the SOA of " + zone);
            NAMECHEAP_NAME_SERVERS.forEach(ns -> add(() -> names.record(zone, "NS", 1800, ns), "NS " + zone));
            for (JsonNode record : entry.getValue().path("records")) {
                String host = record.path("name").asText();
                String name = "@".equals(host) ? zone : plain(host) + "." + zone;
                String type = record.path("type").asText().toUpperCase(Locale.ROOT);
                String address = record.path("address").asText();
                long ttl = record.path("ttl").asLong(1800);
                switch (type) {
                    case "A", "AAAA", "CNAME", "NS", "CAA" -> add(() -> names.record(name, type, ttl, address), type + " " + name);
                    case "TXT" -> add(() -> names.record(name, type, ttl, quoted(address)), type + " " + name);
                    case "MX" -> add(() -> names.record(name, type, ttl, record.path("mxPref").asInt(10) + " " + address),
                            type + " " + name);
                    case "URL", "URL301", "FRAME" -> names.a(name, ttl, NAMECHEAP_URL_FORWARDER);
                    default -> log.debug("Rehearsal DNS has no answer for Namecheap's {} record of {}", type, name);
                }
            }
        }
    }

    private static List<String> addressesAt(RecordTable.Builder names, String name) {
        List<String> addresses = names.recordsAt(name).stream()
                .filter(record -> record instanceof ARecord)
                .map(record -> ((ARecord) record).getAddress().getHostAddress())
                .toList();
        return addresses.isEmpty() && !names.hasZone(name) ? List.of(outsideAddress(name)) : addresses;
    }

    /** A made-up address that stays the same for a name: the world outside answers, consistently. */
    static String outsideAddress(String name) {
        byte[] hash = UUID.nameUUIDFromBytes(("outside:" + plain(name)).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").getBytes(StandardCharsets.US_ASCII);
        return "52." + (216 + (hash[0] & 3)) + "." + (hash[1] & 0xff) + "." + (1 + (hash[2] & 0xff) % 254);
    }

    private static void add(Runnable adding, String what) {
        try {
            adding.run();
        } catch (IllegalArgumentException unreadable) {
            log.debug("Rehearsal DNS skips {}: {}", what, unreadable.getMessage());
        }
    }

    private static String quoted(String text) {
        return text.startsWith("\"") ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isAddress(String value) {
        return Address.toByteArray(value, Address.IPv4) != null || Address.toByteArray(value, Address.IPv6) != null;
    }

    private static String plain(String name) {
        return DnsjavaPropagation.plain(name);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        RecordTable names = names();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (String name : List.of(plan.domains().old().name(), plan.domains().current().name(), plan.domains().www())) {
            Map<String, Object> byType = new LinkedHashMap<>();
            for (int type : new int[] {Type.A, Type.CNAME}) {
                Message response = names.answer(Message.newQuery(
                        Record.newRecord(RecordTable.name(name), type, DClass.IN)));
                List<String> answer = response.getSection(Section.ANSWER).stream()
                        .map(record -> Type.string(record.getType()) + " " + plain(record.rdataToString())
                                + " (ttl " + record.getTTL() + ")")
                        .toList();
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("rcode", Rcode.string(response.getRcode()));
                shown.put("answer", answer);
                byType.put(Type.string(type), shown);
            }
            answers.put(plain(name), byType);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("listensOn", "udp 127.0.0.1:" + port);
        view.put("answering", isRunning());
        view.put("answers", answers);
        return view;
    }
}
