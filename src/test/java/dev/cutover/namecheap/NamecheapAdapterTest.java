package dev.cutover.namecheap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NamecheapAdapterTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String API_KEY = "3f9c1d7e2b8a4c6f90e1d2c3b4a59687";
    private static final String PATH = "/xml.response";
    private static final String ZONE = "codeforamerica.org";
    private static final String HOST = "clearmyrecord";
    private static final String REDIRECT = "https://www.clearmyrecord.org";

    private static final HostRecord OLD_NAME = cname(HOST, "clearmyrecord.herokudns.com.", 1800);

    /** codeforamerica.org before the runbook: the old name at Namecheap's automatic TTL. */
    private static final List<HostRecord> ZONE_BEFORE = List.of(
            record("@", "A", "75.2.60.5", 1800),
            cname("www", "codeforamerica.netlify.app.", 1800),
            mx("aspmx.l.google.com.", 1),
            mx("alt1.aspmx.l.google.com.", 5),
            mx("alt2.aspmx.l.google.com.", 5),
            record("@", "TXT", "v=spf1 include:_spf.google.com include:mailgun.org ~all", 1800),
            record("@", "TXT", "google-site-verification=q7Xk2m9RZ0dPpVtN4sLh1bC8yWfA6eJuKoIgT3nHzE5", 1800),
            record("_dmarc", "TXT", "v=DMARC1; p=quarantine; rua=mailto:dmarc@codeforamerica.org", 1800),
            record("donate", "URL301", "https://secure.givelively.org/donate/code-for-america", 1800),
            cname("getcalfresh", "getcalfresh.herokudns.com.", 1800),
            OLD_NAME,
            cname("status", "stats.pingdom.com.", 300));

    private NamecheapAdapter namecheap;

    @BeforeEach
    void connectToNamecheap() {
        namecheap = NamecheapAdapter.create(URI.create("http://127.0.0.1:" + api.getPort() + PATH),
                new NamecheapAdapter.Account("cfa-dns", API_KEY, "cfa-dns", "203.0.113.7"));
    }

    @Test
    void ensureTtl_changesOnlyTheHostsTtl_andSendsEveryOtherRecordBackUnchanged() {
        List<HostRecord> expected = replacing(ZONE_BEFORE, OLD_NAME, cname(HOST, "clearmyrecord.herokudns.com.", 60));
        givenZoneThenAfterWrite(ZONE_BEFORE, expected);

        Ensured<ZoneChange> ensured = namecheap.ensureTtl(ZONE, HOST, 60);

        assertThat(ensured.changed()).isTrue();
        assertThat(ensured.value().before()).isEqualTo(ZONE_BEFORE);
        assertThat(ensured.value().after()).isEqualTo(expected);
        RequestPatternBuilder write = setHostsRequest()
                .withFormParam("ApiUser", equalTo("cfa-dns"))
                .withFormParam("ApiKey", equalTo(API_KEY))
                .withFormParam("UserName", equalTo("cfa-dns"))
                .withFormParam("ClientIp", equalTo("203.0.113.7"))
                .withFormParam("SLD", equalTo("codeforamerica"))
                .withFormParam("TLD", equalTo("org"))
                .withFormParam("EmailType", equalTo("MX"))
                .withoutFormParam("HostName13");
        for (int n = 1; n <= expected.size(); n++) {
            HostRecord record = expected.get(n - 1);
            write.withFormParam("HostName" + n, equalTo(record.name()))
                    .withFormParam("RecordType" + n, equalTo(record.type()))
                    .withFormParam("Address" + n, equalTo(record.address()))
                    .withFormParam("MXPref" + n, equalTo(String.valueOf(record.mxPref())))
                    .withFormParam("TTL" + n, equalTo(String.valueOf(record.ttl())));
        }
        api.verify(1, write);
        api.verify(2, getHostsRequest().withFormParam("SLD", equalTo("codeforamerica")));
    }

    @Test
    void ensureTtl_writesNothing_whenTheHostIsAlreadyAtTheTtl() {
        List<HostRecord> atSixty = replacing(ZONE_BEFORE, OLD_NAME, cname(HOST, "clearmyrecord.herokudns.com.", 60));
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml(hostsXml(atSixty, "MX", true))));

        Ensured<ZoneChange> ensured = namecheap.ensureTtl(ZONE, HOST, 60);

        assertThat(ensured.changed()).isFalse();
        assertThat(ensured.value().before()).isEqualTo(atSixty).isEqualTo(ensured.value().after());
        api.verify(0, setHostsRequest());
        api.verify(1, getHostsRequest());
    }

    @Test
    void ensurePermanentRedirect_replacesTheHostsCnameWithOneUrl301() {
        HostRecord redirect = new HostRecord(HOST, "URL301", REDIRECT, 10, 60);
        List<HostRecord> expected = replacing(ZONE_BEFORE, OLD_NAME, redirect);
        givenZoneThenAfterWrite(ZONE_BEFORE, expected);

        Ensured<ZoneChange> ensured = namecheap.ensurePermanentRedirect(ZONE, HOST, REDIRECT, 60);

        assertThat(ensured.changed()).isTrue();
        assertThat(ZoneEdit.recordsOf(HOST, ensured.value().before())).containsExactly(OLD_NAME);
        assertThat(ZoneEdit.recordsOf(HOST, ensured.value().after())).containsExactly(redirect);
        api.verify(1, setHostsRequest()
                .withFormParam("HostName11", equalTo(HOST))
                .withFormParam("RecordType11", equalTo("URL301"))
                .withFormParam("Address11", equalTo(REDIRECT))
                .withFormParam("TTL11", equalTo("60"))
                .withFormParam("HostName12", equalTo("status"))
                .withoutFormParam("HostName13"));
    }

    @Test
    void restoreHost_bringsBackTheSavedRecords() {
        HostRecord redirect = new HostRecord(HOST, "URL301", REDIRECT, 10, 60);
        HostRecord saved = cname(HOST, "clearmyrecord.herokudns.com", 60);
        List<HostRecord> redirected = replacing(ZONE_BEFORE, OLD_NAME, redirect);
        // Namecheap reports a CNAME target with its final dot, however it was written
        givenZoneThenAfterWrite(redirected,
                replacing(ZONE_BEFORE, OLD_NAME, cname(HOST, "clearmyrecord.herokudns.com.", 60)));

        Ensured<ZoneChange> ensured = namecheap.restoreHost(ZONE, HOST, List.of(saved));

        assertThat(ensured.changed()).isTrue();
        assertThat(ZoneEdit.recordsOf(HOST, ensured.value().after()))
                .containsExactly(cname(HOST, "clearmyrecord.herokudns.com.", 60));
        api.verify(1, setHostsRequest()
                .withFormParam("HostName11", equalTo(HOST))
                .withFormParam("RecordType11", equalTo("CNAME"))
                .withFormParam("Address11", equalTo("clearmyrecord.herokudns.com"))
                .withFormParam("TTL11", equalTo("60"))
                .withFormParam("Address2", equalTo("codeforamerica.netlify.app."))
                .withoutFormParam("HostName13"));
    }

    @Test
    void restoreHost_isRefusedWithoutWriting_whenTheRecordsWouldTouchAnotherHost() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml(hostsXml(ZONE_BEFORE, "MX", true))));

        assertThatThrownBy(() -> namecheap.restoreHost(ZONE, HOST,
                List.of(OLD_NAME, cname("www", "clearmyrecord.herokudns.com.", 1800))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Refusing to write Namecheap zone codeforamerica.org")
                .hasMessageContaining("added www CNAME clearmyrecord.herokudns.com. TTL 1800");
        api.verify(0, setHostsRequest());
    }

    @Test
    void anApiErrorAnsweredWithHttp200_failsForGood_namingTheErrorButNotTheKey() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml("""
                <?xml version="1.0" encoding="utf-8"?>
                <ApiResponse Status="ERROR" xmlns="http://api.namecheap.com/xml.response">
                  <Errors>
                    <Error Number="2016166">Domain is not associated with your account</Error>
                  </Errors>
                  <Warnings />
                  <RequestedCommand>namecheap.domains.dns.gethosts</RequestedCommand>
                  <Server>PHX01APIEXT02</Server>
                  <GMTTimeDifference>--5:00</GMTTimeDifference>
                  <ExecutionTime>0.013</ExecutionTime>
                </ApiResponse>""")));

        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Reading the hosts of Namecheap zone codeforamerica.org")
                .hasMessageContaining("error 2016166: Domain is not associated with your account")
                .hasMessageNotContaining(API_KEY);
        api.verify(0, setHostsRequest());
    }

    @Test
    void aZoneNotOnNamecheapDns_isRefused() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml(hostsXml(List.of(), "", false))));

        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("not on Namecheap's DNS (IsUsingOurDNS=false)");
        api.verify(0, setHostsRequest());
    }

    @Test
    void aReadBackThatDiffersFromWhatWasWritten_fails_namingTheDifference() {
        givenZoneThenAfterWrite(ZONE_BEFORE, ZONE_BEFORE);

        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("read back after setHosts differs from what was written")
                .hasMessageContaining("missing clearmyrecord CNAME clearmyrecord.herokudns.com. TTL 60")
                .hasMessageContaining("unexpected clearmyrecord CNAME clearmyrecord.herokudns.com. TTL 1800");
    }

    @Test
    void aWriteNamecheapDoesNotConfirm_failsForGood() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml(hostsXml(ZONE_BEFORE, "MX", true))));
        api.stubFor(namecheapCall(NamecheapAdapter.SET_HOSTS).willReturn(xml(setHostsXml(false))));

        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Namecheap did not confirm the write (IsSuccess=\"false\")");
    }

    @Test
    void aServerErrorOnTheWrite_isLeftForARetry_withTheHostsPreviousRecords() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml(hostsXml(ZONE_BEFORE, "MX", true))));
        api.stubFor(namecheapCall(NamecheapAdapter.SET_HOSTS).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));

        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60))
                .isInstanceOf(NamecheapUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("Namecheap answered HTTP 503")
                .hasMessageContaining("host 'clearmyrecord' had clearmyrecord CNAME clearmyrecord.herokudns.com."
                        + " TTL 1800 before");
    }

    @Test
    void aDroppedConnection_isLeftForARetry_withoutTheKey() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> namecheap.hosts(ZONE))
                .isInstanceOf(NamecheapUnavailableException.class)
                .hasMessageContaining("Namecheap did not answer")
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void hosts_readsHostElementsInEitherCase_andSplitsAMultiPartTld() {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).willReturn(xml(hostsXml(List.of(
                record("@", "A", "192.0.2.10", 1800), mx("mx1.example.co.uk.", 10)), "MX", true)
                .replace("<host ", "<Host "))));

        List<HostRecord> hosts = namecheap.hosts("example.co.uk");

        assertThat(hosts).containsExactly(record("@", "A", "192.0.2.10", 1800), mx("mx1.example.co.uk.", 10));
        api.verify(getHostsRequest().withFormParam("SLD", equalTo("example")).withFormParam("TLD", equalTo("co.uk")));
    }

    @Test
    void emailType_keepsWhatGetHostsReported_elseFollowsTheMailRecords() {
        List<HostRecord> googleMail = List.of(mx("aspmx.l.google.com.", 1));

        assertThat(NamecheapAdapter.emailType("OX", googleMail)).isEqualTo("OX");
        assertThat(NamecheapAdapter.emailType("", googleMail)).isEqualTo("MX");
        assertThat(NamecheapAdapter.emailType(null, List.of(record("@", "MXE", "192.0.2.25", 1800)))).isEqualTo("MXE");
        assertThat(NamecheapAdapter.emailType("", List.of(record("@", "A", "192.0.2.10", 1800)))).isNull();
    }

    private static void givenZoneThenAfterWrite(List<HostRecord> before, List<HostRecord> after) {
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).inScenario("zone")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(xml(hostsXml(before, "MX", true))));
        api.stubFor(namecheapCall(NamecheapAdapter.SET_HOSTS).inScenario("zone")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(xml(setHostsXml(true)))
                .willSetStateTo("written"));
        api.stubFor(namecheapCall(NamecheapAdapter.GET_HOSTS).inScenario("zone")
                .whenScenarioStateIs("written")
                .willReturn(xml(hostsXml(after, "MX", true))));
    }

    private static MappingBuilder namecheapCall(String command) {
        return post(urlEqualTo(PATH)).withFormParam("Command", equalTo(command));
    }

    // the key travels in the form only: urlEqualTo proves the URL carries no query
    private static RequestPatternBuilder setHostsRequest() {
        return postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
                .withFormParam("Command", equalTo(NamecheapAdapter.SET_HOSTS));
    }

    private static RequestPatternBuilder getHostsRequest() {
        return postRequestedFor(urlEqualTo(PATH)).withFormParam("Command", equalTo(NamecheapAdapter.GET_HOSTS));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body);
    }

    private static String hostsXml(List<HostRecord> records, String emailType, boolean usingOurDns) {
        StringBuilder hosts = new StringBuilder();
        int hostId = 451270;
        for (HostRecord record : records) {
            hosts.append("""
                          <host HostId="%d" Name="%s" Type="%s" Address="%s" MXPref="%d" TTL="%d" \
                    AssociatedAppTitle="" FriendlyName="" IsActive="true" IsDDNSEnabled="false" />
                    """.formatted(hostId++, escape(record.name()), record.type(), escape(record.address()),
                    record.mxPref(), record.ttl()));
        }
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <ApiResponse Status="OK" xmlns="http://api.namecheap.com/xml.response">
                  <Errors />
                  <Warnings />
                  <RequestedCommand>namecheap.domains.dns.gethosts</RequestedCommand>
                  <CommandResponse Type="namecheap.domains.dns.getHosts">
                    <DomainDNSGetHostsResult Domain="%s" EmailType="%s" IsUsingOurDNS="%s">
                %s    </DomainDNSGetHostsResult>
                  </CommandResponse>
                  <Server>PHX01APIEXT03</Server>
                  <GMTTimeDifference>--5:00</GMTTimeDifference>
                  <ExecutionTime>0.078</ExecutionTime>
                </ApiResponse>""".formatted(ZONE, emailType, usingOurDns, hosts);
    }

    private static String setHostsXml(boolean success) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <ApiResponse Status="OK" xmlns="http://api.namecheap.com/xml.response">
                  <Errors />
                  <Warnings />
                  <RequestedCommand>namecheap.domains.dns.sethosts</RequestedCommand>
                  <CommandResponse Type="namecheap.domains.dns.setHosts">
                    <DomainDNSSetHostsResult Domain="%s" IsSuccess="%s">
                      <Warnings />
                    </DomainDNSSetHostsResult>
                  </CommandResponse>
                  <Server>PHX01APIEXT01</Server>
                  <GMTTimeDifference>--5:00</GMTTimeDifference>
                  <ExecutionTime>0.642</ExecutionTime>
                </ApiResponse>""".formatted(ZONE, success);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<HostRecord> replacing(List<HostRecord> zone, HostRecord old, HostRecord replacement) {
        List<HostRecord> result = new ArrayList<>(zone);
        result.set(result.indexOf(old), replacement);
        return List.copyOf(result);
    }

    private static HostRecord record(String name, String type, String address, int ttl) {
        return new HostRecord(name, type, address, 10, ttl);
    }

    private static HostRecord cname(String name, String target, int ttl) {
        return record(name, "CNAME", target, ttl);
    }

    private static HostRecord mx(String target, int pref) {
        return new HostRecord("@", "MX", target, pref, 1800);
    }
}
