package dev.cutover.namecheap;

import dev.cutover.http.ApiAnswers;
import dev.cutover.http.HttpApis;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * {@link NamecheapPort} on the Namecheap XML API. Every call is a form POST, so the API key never
 * appears in a URL (nor in the messages that quote one). Namecheap answers refusals with HTTP 200
 * and {@code Status="ERROR"}: those become {@link StepFailedException}s naming the error; an API
 * that does not answer, rate-limits (405) or fails on its side becomes a
 * {@link NamecheapUnavailableException}, which the engine retries.
 */
final class NamecheapAdapter implements NamecheapPort {

    static final URI PRODUCTION = URI.create("https://api.namecheap.com/xml.response");
    static final String GET_HOSTS = "namecheap.domains.dns.getHosts";
    static final String SET_HOSTS = "namecheap.domains.dns.setHosts";

    private static final Logger log = LoggerFactory.getLogger(NamecheapAdapter.class);

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_BODY_IN_MESSAGE = 500;
    private static final int AUTOMATIC_TTL = 1800;

    private final RestClient http;
    private final URI endpoint;
    private final Account account;

    NamecheapAdapter(RestClient http, URI endpoint, Account account) {
        this.http = http;
        this.endpoint = endpoint;
        this.account = account;
    }

    /** An adapter for the API at {@code endpoint} (production, the sandbox, or a test server). */
    static NamecheapAdapter create(URI endpoint, Account account) {
        RestClient http = RestClient.builder().requestFactory(HttpApis.requestFactory(READ_TIMEOUT)).build();
        return new NamecheapAdapter(http, endpoint, account);
    }

    /** Who calls the API: ApiUser, ApiKey, UserName and the whitelisted ClientIp. */
    record Account(String apiUser, String apiKey, String userName, String clientIp) {
        @Override
        public String toString() {
            return "Namecheap account " + userName + " (ApiUser " + apiUser + ", ClientIp " + clientIp + ")";
        }
    }

    @Override
    public List<HostRecord> hosts(String zone) {
        return getHosts(zone).records();
    }

    @Override
    public Ensured<ZoneChange> ensureTtl(String zone, String host, int ttlSeconds) {
        return ensure(zone, host, ZoneEdit.ttl(ttlSeconds));
    }

    @Override
    public Ensured<ZoneChange> ensurePermanentRedirect(String zone, String host, String url, int ttlSeconds) {
        return ensure(zone, host, ZoneEdit.permanentRedirect(url, ttlSeconds));
    }

    @Override
    public Ensured<ZoneChange> restoreHost(String zone, String host, List<HostRecord> records) {
        return ensure(zone, host, ZoneEdit.exactly(records));
    }

    private Ensured<ZoneChange> ensure(String zone, String host, ZoneEdit.HostEdit edit) {
        Hosts before = getHosts(zone);
        Ensured<ZoneChange> result = ZoneEdit.ensure(zone, host, before.records(), edit,
                records -> write(zone, host, records, before),
                () -> readBack(zone, before));
        if (result.changed()) {
            log.info("Namecheap zone {}: host '{}' was {}, is now {}", zone, host,
                    ZoneEdit.describe(ZoneEdit.recordsOf(host, result.value().before())),
                    ZoneEdit.describe(ZoneEdit.recordsOf(host, result.value().after())));
        }
        return result;
    }

    private void write(String zone, String host, List<HostRecord> records, Hosts before) {
        try {
            setHosts(zone, records, emailType(before.emailType(), records));
        } catch (NamecheapUnavailableException e) {
            throw new NamecheapUnavailableException(e.getMessage() + ". Namecheap may have applied the write"
                    + " anyway; host '" + host + "' had " + ZoneEdit.describe(ZoneEdit.recordsOf(host, before.records()))
                    + " before", e);
        }
    }

    private List<HostRecord> readBack(String zone, Hosts before) {
        Hosts after = getHosts(zone);
        if (!before.emailType().isEmpty() && !after.emailType().isEmpty()
                && !before.emailType().equalsIgnoreCase(after.emailType())) {
            throw new StepFailedException("Namecheap zone " + zone + " changed its mail settings with the write,"
                    + " from EmailType=" + before.emailType() + " to EmailType=" + after.emailType()
                    + ": check the zone's mail settings in Namecheap");
        }
        return after.records();
    }

    /**
     * The zone's mail setting as getHosts reported it, so that setHosts keeps it (an OX, GMAIL or FWD
     * zone has no MX records of its own to tell from); else what its records say.
     */
    static String emailType(String reported, List<HostRecord> records) {
        if (reported != null && !reported.isBlank()) {
            return reported;
        }
        if (records.stream().anyMatch(record -> "MX".equalsIgnoreCase(record.type()))) {
            return "MX";
        }
        if (records.stream().anyMatch(record -> "MXE".equalsIgnoreCase(record.type()))) {
            return "MXE";
        }
        return null;
    }

    private Hosts getHosts(String zone) {
        String doing = "Reading the hosts of Namecheap zone " + zone;
        Element response = call(doing, GET_HOSTS, zone, new LinkedMultiValueMap<>());
        Element result = first(doing, response, "DomainDNSGetHostsResult");
        if ("false".equalsIgnoreCase(attribute(result, "IsUsingOurDNS"))) {
            throw new StepFailedException(doing + ": the zone is not on Namecheap's DNS (IsUsingOurDNS=false), so"
                    + " its records are served elsewhere and changing them at Namecheap would change nothing."
                    + " Change the host where the zone's name servers are.");
        }
        List<HostRecord> records = new ArrayList<>();
        for (Element host : elements(result, "host")) {
            records.add(new HostRecord(
                    attribute(host, "Name"),
                    attribute(host, "Type"),
                    attribute(host, "Address"),
                    number(doing, host, "MXPref", ZoneEdit.NO_MX_PREF),
                    number(doing, host, "TTL", AUTOMATIC_TTL)));
        }
        return new Hosts(List.copyOf(records), attribute(result, "EmailType"));
    }

    private void setHosts(String zone, List<HostRecord> records, String emailType) {
        String doing = "Writing the hosts of Namecheap zone " + zone;
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (int i = 0; i < records.size(); i++) {
            HostRecord record = records.get(i);
            String n = String.valueOf(i + 1);
            params.add("HostName" + n, record.name());
            params.add("RecordType" + n, record.type());
            params.add("Address" + n, record.address());
            params.add("MXPref" + n, String.valueOf(record.mxPref()));
            params.add("TTL" + n, String.valueOf(record.ttl()));
        }
        if (emailType != null) {
            params.add("EmailType", emailType);
        }
        Element result = first(doing, call(doing, SET_HOSTS, zone, params), "DomainDNSSetHostsResult");
        if (!"true".equalsIgnoreCase(attribute(result, "IsSuccess"))) {
            throw new StepFailedException(doing + ": Namecheap did not confirm the write (IsSuccess=\""
                    + attribute(result, "IsSuccess") + "\")");
        }
    }

    /** The answer's {@code CommandResponse}, once the answer is known to be a success. */
    private Element call(String doing, String command, String zone, MultiValueMap<String, String> params) {
        Domain domain = Domain.of(zone);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("ApiUser", account.apiUser());
        form.add("ApiKey", account.apiKey());
        form.add("UserName", account.userName());
        form.add("ClientIp", account.clientIp());
        form.add("Command", command);
        form.add("SLD", domain.sld());
        form.add("TLD", domain.tld());
        form.addAll(params);
        RequestHeadersSpec<?> request = http.post()
                .uri(endpoint)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_XML, MediaType.TEXT_XML)
                .body(form);
        return HttpApis.exchange(doing, "Namecheap", request, (sent, response) -> commandResponse(doing,
                response.getStatusCode(), StreamUtils.copyToByteArray(response.getBody())),
                (message, cause) -> new NamecheapUnavailableException(redact(message), cause));
    }

    private Element commandResponse(String doing, HttpStatusCode status, byte[] body) {
        if (status.value() == 405 || status.value() == 429 || status.is5xxServerError()) {
            throw new NamecheapUnavailableException(doing + ": Namecheap answered HTTP " + status.value()
                    + textOf(body));
        }
        if (!status.is2xxSuccessful()) {
            throw new StepFailedException(doing + ": Namecheap refused with HTTP " + status.value() + textOf(body));
        }
        Element root = parse(doing, body).getDocumentElement();
        String apiStatus = attribute(root, "Status");
        List<Element> errors = elements(root, "Error");
        if ("ERROR".equalsIgnoreCase(apiStatus) || !errors.isEmpty()) {
            String said = errors.isEmpty() ? "no error given" : errors.stream()
                    .map(error -> "error " + attribute(error, "Number") + ": " + error.getTextContent().strip())
                    .collect(Collectors.joining("; "));
            throw new StepFailedException(redact(doing + ": Namecheap answered ERROR (" + said + ")"));
        }
        if (!"OK".equalsIgnoreCase(apiStatus)) {
            throw new NamecheapUnavailableException(doing + ": Namecheap answered Status=\"" + apiStatus + "\""
                    + textOf(body));
        }
        return first(doing, root, "CommandResponse");
    }

    private Document parse(String doing, byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new NamecheapUnavailableException(doing + ": Namecheap's answer is not XML" + textOf(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    private Element first(String doing, Element parent, String name) {
        return elements(parent, name).stream().findFirst().orElseThrow(() -> new NamecheapUnavailableException(
                doing + ": Namecheap's answer has no " + name + " element"));
    }

    /** Descendants named {@code name} in any case and any namespace prefix ({@code host} or {@code Host}). */
    static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList all = parent.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String nodeName = element.getNodeName();
            if (nodeName.substring(nodeName.indexOf(':') + 1).equalsIgnoreCase(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String attribute(Element element, String name) {
        if (element.hasAttribute(name)) {
            return element.getAttribute(name);
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (attribute.getNodeName().equalsIgnoreCase(name)) {
                return attribute.getNodeValue();
            }
        }
        return "";
    }

    private static int number(String doing, Element host, String name, int absent) {
        String value = attribute(host, name).strip();
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new NamecheapUnavailableException(doing + ": Namecheap reported " + name + "=\"" + value
                    + "\" for host '" + attribute(host, "Name") + "', not a number");
        }
    }

    private String textOf(byte[] body) {
        String text = ApiAnswers.excerpt(new String(body, StandardCharsets.UTF_8).strip(), MAX_BODY_IN_MESSAGE);
        return text.isEmpty() ? "" : ": " + redact(text);
    }

    private String redact(String text) {
        String key = account.apiKey();
        return key == null || key.isEmpty() ? text : text.replace(key, "[ApiKey]");
    }

    /** The zone's records and its mail setting as getHosts reported them. */
    private record Hosts(List<HostRecord> records, String emailType) {}

    /** Namecheap names a domain by SLD and TLD: codeforamerica + org, or example + co.uk. */
    record Domain(String sld, String tld) {
        static Domain of(String zone) {
            int dot = zone == null ? -1 : zone.indexOf('.');
            if (dot <= 0 || dot == zone.length() - 1) {
                throw new IllegalArgumentException("a Namecheap zone is a domain like codeforamerica.org, was '"
                        + zone + "'");
            }
            return new Domain(zone.substring(0, dot), zone.substring(dot + 1));
        }
    }
}
