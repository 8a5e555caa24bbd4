package dev.cutover.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The propagation check against small DNS responders on 127.0.0.1, one per "public resolver", each
 * answering from records the test sets (and changes between polls).
 */
class DnsjavaPropagationTest {

    private static final Duration QUICK = Duration.ofMillis(700);
    private static final String WWW = "www.clearmyrecord.org";
    private static final String NEW_TARGET = "d1x2y3z4.cloudfront.net";
    private static final String OLD_TARGET = "clearmyrecord.herokudns.com";

    private final DnsjavaPropagation dns = new DnsjavaPropagation(QUICK);

    private final AtomicReference<RecordTable> googleAnswers = new AtomicReference<>();
    private final AtomicReference<RecordTable> quad9Answers = new AtomicReference<>();
    private final AtomicInteger quad9Queries = new AtomicInteger();
    private UdpDnsResponder google;
    private UdpDnsResponder quad9;

    @BeforeEach
    void startResolvers() throws Exception {
        google = UdpDnsResponder.start(new InetSocketAddress("127.0.0.1", 0), query -> googleAnswers.get().answer(query));
        quad9 = UdpDnsResponder.start(new InetSocketAddress("127.0.0.1", 0), query -> {
            quad9Queries.incrementAndGet();
            return quad9Answers.get().answer(query);
        });
    }

    @AfterEach
    void stopResolvers() {
        google.close();
        quad9.close();
    }

    @Test
    void whenEveryResolverAnswersTheNewTargetDnsHasCompletelyPropagated() {
        googleAnswers.set(wwwPointingAt(NEW_TARGET));
        quad9Answers.set(wwwPointingAt(NEW_TARGET));

        PropagationReport report = dns.propagation(WWW, "CNAME", NEW_TARGET + ".", resolvers());

        assertThat(report.complete()).isTrue();
        assertThat(report.lagging()).isEmpty();
        assertThat(report.answers()).containsExactly(
                new ResolverAnswer("Google", List.of(NEW_TARGET), 60, "SUCCESSFUL", true),
                new ResolverAnswer("Quad9", List.of(NEW_TARGET), 60, "SUCCESSFUL", true));
    }

    @Test
    void aResolverStillAnsweringTheOldTargetKeepsItIncompleteAndIsNamed() {
        googleAnswers.set(wwwPointingAt(NEW_TARGET));
        quad9Answers.set(wwwPointingAt(OLD_TARGET));

        PropagationReport report = dns.propagation(WWW, "CNAME", NEW_TARGET, resolvers());

        assertThat(report.complete()).isFalse();
        assertThat(report.lagging()).containsExactly("Quad9");
        assertThat(report.answers().get(1).values()).containsExactly(OLD_TARGET);
        assertThat(report.summary()).contains("1 of 2 resolvers", "Quad9 (SUCCESSFUL: " + OLD_TARGET + ")");
    }

    @Test
    void aResolverThatNeverAnswersIsATimeoutNotAnException() throws Exception {
        googleAnswers.set(wwwPointingAt(NEW_TARGET));
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            List<Resolver> resolvers = List.of(new Resolver("Google", "127.0.0.1", google.port()),
                    new Resolver("Silent", "127.0.0.1", silent.getLocalPort()));

            long started = System.nanoTime();
            PropagationReport report = dns.propagation(WWW, "CNAME", NEW_TARGET, resolvers);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(report.answers().get(1)).isEqualTo(new ResolverAnswer("Silent", List.of(), 0, "timeout", false));
            assertThat(report.lagging()).containsExactly("Silent");
            assertThat(took).isLessThan(QUICK.multipliedBy(3));
        }
    }

    @Test
    void aPortNobodyListensOnIsATimeoutToo() throws Exception {
        googleAnswers.set(wwwPointingAt(NEW_TARGET));
        int nobody;
        try (DatagramSocket closedAgain = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            nobody = closedAgain.getLocalPort();
        }

        long started = System.nanoTime();
        PropagationReport report = dns.propagation(WWW, "CNAME", NEW_TARGET,
                List.of(new Resolver("Nobody", "127.0.0.1", nobody)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.answers()).containsExactly(new ResolverAnswer("Nobody", List.of(), 0, "timeout", false));
        assertThat(took).isLessThan(QUICK.multipliedBy(3));
    }

    @Test
    void aCnameChainThatReachesTheExpectedTargetCounts() {
        RecordTable chained = RecordTable.builder()
                .cname(WWW, 300, "clearmyrecord.example-cdn.net")
                .cname("clearmyrecord.example-cdn.net", 120, NEW_TARGET)
                .a(NEW_TARGET, 60, "203.0.113.10")
                .build();
        googleAnswers.set(chained);
        quad9Answers.set(chained);

        PropagationReport cname = dns.propagation(WWW, "CNAME", NEW_TARGET, resolvers());
        PropagationReport a = dns.propagation(WWW, "A", NEW_TARGET, resolvers());

        assertThat(cname.complete()).isTrue();
        assertThat(cname.answers().get(0)).isEqualTo(new ResolverAnswer("Google",
                List.of("clearmyrecord.example-cdn.net", NEW_TARGET), 120, "SUCCESSFUL", true));
        assertThat(a.complete()).isTrue();
        assertThat(a.answers().get(0).values())
                .containsExactly("clearmyrecord.example-cdn.net", NEW_TARGET, "203.0.113.10");
    }

    @Test
    void repeatPollsAskTheResolverAgainInsteadOfACache() {
        googleAnswers.set(wwwPointingAt(NEW_TARGET));
        quad9Answers.set(wwwPointingAt(OLD_TARGET));
        PropagationReport before = dns.propagation(WWW, "CNAME", NEW_TARGET, resolvers());
        int askedBefore = quad9Queries.get();

        quad9Answers.set(wwwPointingAt(NEW_TARGET));
        PropagationReport after = dns.propagation(WWW, "CNAME", NEW_TARGET, resolvers());

        assertThat(before.lagging()).containsExactly("Quad9");
        assertThat(after.complete()).isTrue();
        assertThat(quad9Queries.get()).isGreaterThan(askedBefore);
    }

    @Test
    void anAddressCheckPassesWhenTheAddressesIncludeTheExpectedOne() {
        RecordTable apex = RecordTable.builder()
                .a("clearmyrecord.org", 60, "52.217.10.1")
                .a("clearmyrecord.org", 60, "52.217.10.2")
                .build();
        googleAnswers.set(apex);
        quad9Answers.set(apex);

        PropagationReport report = dns.propagation("clearmyrecord.org", "A", "52.217.10.2", resolvers());

        assertThat(report.complete()).isTrue();
        assertThat(report.answers().get(0).values()).containsExactly("52.217.10.1", "52.217.10.2");
    }

    @Test
    void anAliasMatchesItsTargetByTheAddressesBothAnswerAtTheSameMoment() {
        String endpoint = "s3-website-us-east-1.amazonaws.com";
        googleAnswers.set(RecordTable.builder()
                .a("clearmyrecord.org", 5, "52.217.10.1")
                .a(endpoint, 5, "52.217.10.1")
                .build());
        quad9Answers.set(RecordTable.builder()
                .a("clearmyrecord.org", 1800, "75.2.60.5")
                .a(endpoint, 5, "52.217.44.7")
                .build());

        PropagationReport report = dns.propagation("clearmyrecord.org", "A", endpoint, resolvers());

        assertThat(report.answers()).extracting(ResolverAnswer::matches).containsExactly(true, false);
        assertThat(report.answers().get(1).values()).containsExactly("75.2.60.5");
    }

    @Test
    void aNameNobodyHasIsHostNotFoundAndATypeItLacksIsTypeNotFound() {
        RecordTable zone = RecordTable.builder()
                .zone("clearmyrecord.org", "ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400", 900)
                .a("clearmyrecord.org", 60, "52.217.10.1")
                .build();
        googleAnswers.set(zone);
        quad9Answers.set(zone);

        PropagationReport missing = dns.propagation("old.clearmyrecord.org", "A", "52.217.10.1", resolvers());
        PropagationReport noCname = dns.propagation("clearmyrecord.org", "CNAME", "anything.example.com", resolvers());

        assertThat(missing.answers().get(0)).isEqualTo(new ResolverAnswer("Google", List.of(), 0, "HOST_NOT_FOUND", false));
        assertThat(noCname.answers().get(0)).isEqualTo(new ResolverAnswer("Google", List.of(), 0, "TYPE_NOT_FOUND", false));
    }

    @Test
    void theResolverIsAskedEvenForANameTheHostsFileKnows() {
        googleAnswers.set(RecordTable.builder().a("localhost", 60, "203.0.113.99").build());
        quad9Answers.set(RecordTable.builder().build());

        PropagationReport report = dns.propagation("localhost", "A", "203.0.113.99", resolvers());

        assertThat(report.answers()).containsExactly(
                new ResolverAnswer("Google", List.of("203.0.113.99"), 60, "SUCCESSFUL", true),
                new ResolverAnswer("Quad9", List.of(), 0, "HOST_NOT_FOUND", false));
    }

    private List<Resolver> resolvers() {
        return List.of(new Resolver("Google", InetAddress.getLoopbackAddress().getHostAddress(), google.port()),
                new Resolver("Quad9", "127.0.0.1", quad9.port()));
    }

    private static RecordTable wwwPointingAt(String target) {
        return RecordTable.builder()
                .cname(WWW, 60, target)
                .a(target, 60, "203.0.113.10")
                .build();
    }
}
