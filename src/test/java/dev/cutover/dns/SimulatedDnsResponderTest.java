package dev.cutover.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.route53.DnsRecord;
import dev.cutover.aws.route53.Route53Port;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rehearsal's DNS answers the plan's resolver check from the simulated world, as the twins have
 * it at the moment of the query.
 */
@CutoverEngineTest
class SimulatedDnsResponderTest {

    private static final String S3_WEBSITE = "s3-website-us-east-1.amazonaws.com";
    private static final String HEROKU_TARGET = "clearmyrecord.herokudns.com";

    @Autowired DnsPort dns;
    @Autowired SimulatedDnsResponder responder;
    @Autowired Route53Port route53;
    @Autowired NamecheapPort namecheap;
    @Autowired WorldStore world;
    @Autowired MigrationPlan plan;

    private List<Resolver> resolvers;
    private String oldName;

    @BeforeEach
    void freshWorld() {
        world.reset();
        resolvers = Resolver.of(plan.dns());
        oldName = plan.domains().old().name();
    }

    @Test
    void thePlansResolverInRehearsalIsTheResponder() {
        assertThat(resolvers).containsExactly(new Resolver("rehearsal", "127.0.0.1", responder.port()));
        assertThat(responder.isRunning()).isTrue();
    }

    @Test
    void theApexAnswersItsAliasTargetsAddressAndTheOldNameItsHerokuCname() {
        PropagationReport apex = dns.propagation("clearmyrecord.org", "A", S3_WEBSITE, resolvers);
        PropagationReport old = dns.propagation(oldName, "CNAME", HEROKU_TARGET, resolvers);

        assertThat(apex.complete()).isTrue();
        assertThat(apex.answers().get(0).values()).containsExactly(SimulatedDnsResponder.outsideAddress(S3_WEBSITE));
        assertThat(old.complete()).isTrue();
        assertThat(old.answers().get(0)).isEqualTo(
                new ResolverAnswer("rehearsal", List.of(HEROKU_TARGET), 60, "SUCCESSFUL", true));
    }

    @Test
    void afterTheRedirectOnNamecheapTheOldNameAnswersNamecheapsUrlForwarder() {
        namecheap.ensurePermanentRedirect(plan.domains().old().namecheapZone(), plan.domains().old().namecheapHost(),
                "https://www.clearmyrecord.org/", 60);

        PropagationReport a = dns.propagation(oldName, "A", "192.64.119.204", resolvers);
        PropagationReport cname = dns.propagation(oldName, "CNAME", HEROKU_TARGET, resolvers);

        assertThat(a.answers()).containsExactly(
                new ResolverAnswer("rehearsal", List.of("192.64.119.204"), 60, "SUCCESSFUL", true));
        assertThat(cname.answers().get(0).result()).isEqualTo("TYPE_NOT_FOUND");
        assertThat(cname.complete()).isFalse();
    }

    @Test
    void wwwHasNoAddressUntilRoute53HasItsRecordThenAnswersTheChain() {
        String target = "d1x2y3z4.cloudfront.net";
        PropagationReport before = dns.propagation("www.clearmyrecord.org", "A", target, resolvers);

        route53.ensureRecords(plan.domains().current().hostedZoneId(),
                List.of(new DnsRecord("www.clearmyrecord.org", "CNAME", target, 60)));
        PropagationReport after = dns.propagation("www.clearmyrecord.org", "A", target, resolvers);

        // only its certificate's validation CNAME lies under www: the name exists, without records
        assertThat(before.answers().get(0).result()).isEqualTo("TYPE_NOT_FOUND");
        assertThat(after.complete()).isTrue();
        assertThat(after.answers().get(0).values())
                .containsExactly(target, SimulatedDnsResponder.outsideAddress(target));
    }

    @Test
    void theWorldShowsWhatTheResponderAnswersForThePlansNames() {
        JsonNode view = world.toTree(responder.view());

        assertThat(view.path("listensOn").asText()).isEqualTo("udp 127.0.0.1:" + responder.port());
        assertThat(view.path("answers").path(oldName).path("CNAME").path("answer").get(0).asText())
                .isEqualTo("CNAME " + HEROKU_TARGET + " (ttl 60)");
        assertThat(view.path("answers").path("clearmyrecord.org").path("A").path("answer").get(0).asText())
                .startsWith("A 52.");
        assertThat(view.path("answers").path("www.clearmyrecord.org").path("A").path("answer")).isEmpty();
    }

    @Test
    void aPortAlreadyTakenStopsTheStartWithThePropertyToChange() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SimulatedDnsResponder second = new SimulatedDnsResponder(world, plan, null, taken.getLocalPort());

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Set cutover.rehearsal.dns-port to a free port");
            assertThat(second.isRunning()).isFalse();
        }
    }
}
