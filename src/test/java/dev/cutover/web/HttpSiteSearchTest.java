package dev.cutover.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The search for the old URL, against a small site served by WireMock. */
class HttpSiteSearchTest {

    private static final String OLD = "clearmyrecord.codeforamerica.org";
    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

    @RegisterExtension
    static final WireMockExtension site = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final HttpSiteSearch search = new HttpSiteSearch(Clock.systemUTC());
    private URI start;

    @BeforeEach
    void aSmallSite() {
        start = URI.create("http://127.0.0.1:" + site.getPort() + "/");
        page("/", """
                <!doctype html>
                <html><head><title>Clear My Record</title><link rel="stylesheet" href="/static/site.css"></head>
                <body>
                  <nav><a href="/about/">About</a> <a href='/faq/'>FAQ</a> <a href=contact/>Contact</a>
                    <a href="#main">Skip</a> <a href="mailto:help@clearmyrecord.org">Email us</a></nav>
                  <main id="main"><img src="/static/logo.png" alt="logo">
                    <p>Clear your record in California for free.</p>
                    <a href="/about/">Learn more</a> <a href="/missing/">Our 2019 report</a></main>
                  <footer><a href="http://localhost:%d/off-site/">Partner</a>
                    <a href="https://twitter.com/clearmyrecord">Twitter</a></footer>
                </body></html>
                """.formatted(site.getPort()));
        page("/about/", """
                <html><head><title>About</title></head><body>
                  <p>Clear My Record was built by Code for America. It used to live at
                     ClearMyRecord.CodeForAmerica.org and moved to its own domain in 2025.</p>
                  <a href="/">Home</a> <a href="../faq/">Questions</a>
                </body></html>
                """);
        page("/faq/", """
                <html><head><title>FAQ</title></head><body>
                  <h1>Questions</h1>
                  <img src="https://clearmyrecord.codeforamerica.org/static/img/counties-map.png" alt="Counties">
                  <a href="/about/#team">Who we are</a> <a href="/">Home</a> <a href="/faq/answers.json">Data</a>
                </body></html>
                """);
        page("/contact/", """
                <html><head><title>Contact</title>
                  <link rel="canonical" href="https://clearmyrecord.codeforamerica.org/contact/">
                </head><body><a href="/">Home</a></body></html>
                """);
        site.stubFor(get(urlEqualTo("/faq/answers.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"site\": \"https://clearmyrecord.codeforamerica.org\"}")));
        site.stubFor(get(urlEqualTo("/off-site/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<p>" + OLD + "</p>")));
        site.stubFor(get(urlEqualTo("/missing/")).willReturn(notFound()
                .withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>")));
    }

    @Test
    void visitsEveryPageOfTheSiteOnce_evenThroughALoopOfLinks() {
        CrawlReport report = search.searchSite(start, OLD, 100, TWO_MINUTES);

        assertThat(report.complete()).isTrue();
        assertThat(report.pagesVisited()).isEqualTo(6);
        for (String path : new String[] {"/", "/about/", "/faq/", "/contact/", "/missing/", "/faq/answers.json"}) {
            site.verify(1, getRequestedFor(urlEqualTo(path)));
        }
        site.verify(getRequestedFor(urlEqualTo("/about/"))
                .withHeader("User-Agent", equalTo("Cutover site search (looking for the old URL)")));
    }

    @Test
    void followsNoLinkToAnotherHostAndFetchesNoImagesOrStyles() {
        search.searchSite(start, OLD, 100, TWO_MINUTES);

        site.verify(0, getRequestedFor(urlEqualTo("/off-site/")));
        site.verify(0, getRequestedFor(urlEqualTo("/static/logo.png")));
        site.verify(0, getRequestedFor(urlEqualTo("/static/site.css")));
    }

    @Test
    void findsTheOldDomainInTextImagesAndCanonicalLinks_withThePageAndItsContext() {
        CrawlReport report = search.searchSite(start, OLD, 100, TWO_MINUTES);

        String base = "http://127.0.0.1:" + site.getPort();
        assertThat(report.findings()).containsExactly(
                new Finding(base + "/about/", "…by Code for America. It used to live at"
                        + " ClearMyRecord.CodeForAmerica.org and moved to its own domain in 2025. Home…"),
                new Finding(base + "/faq/", "<img src=\"https://clearmyrecord.codeforamerica.org/static/img/"
                        + "counties-map.png\" alt=\"Counties\">"),
                new Finding(base + "/contact/",
                        "<link rel=\"canonical\" href=\"https://clearmyrecord.codeforamerica.org/contact/\">"));
        assertThat(report.pagesWithFindings()).containsExactly(base + "/about/", base + "/faq/", base + "/contact/");
    }

    @Test
    void reportsAMissingPageAsAnErrorAndCarriesOn() {
        CrawlReport report = search.searchSite(start, OLD, 100, TWO_MINUTES);

        String base = "http://127.0.0.1:" + site.getPort();
        assertThat(report.errors()).containsExactly("HTTP 404: " + base + "/missing/ (linked from " + base + "/)");
        assertThat(report.complete()).isTrue();
    }

    @Test
    void reportsAPageThatTimesOutAsAnError() {
        HttpSiteSearch impatient = new HttpSiteSearch(Clock.systemUTC(), Duration.ofSeconds(1));
        site.stubFor(get(urlEqualTo("/slow/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<p>late</p>").withFixedDelay(3_000)));

        CrawlReport report = impatient.searchSite(start.resolve("/slow/"), OLD, 100, TWO_MINUTES);

        assertThat(report.errors()).containsExactly("timed out after 1 s: http://127.0.0.1:" + site.getPort() + "/slow/");
        assertThat(report.pagesVisited()).isEqualTo(1);
    }

    @Test
    void stopsAtThePageLimit_andSaysTheSearchIsIncomplete() {
        CrawlReport report = search.searchSite(start, OLD, 2, TWO_MINUTES);

        assertThat(report.pagesVisited()).isEqualTo(2);
        assertThat(report.complete()).isFalse();
        site.verify(0, getRequestedFor(urlEqualTo("/faq/")));
    }

    @Test
    void stopsWhenItsTimeIsUp_measuredOnTheClock() {
        HttpSiteSearch oneMinutePerPage = new HttpSiteSearch(new TickingClock(Duration.ofMinutes(1)));

        CrawlReport report = oneMinutePerPage.searchSite(start, OLD, 100, TWO_MINUTES);

        assertThat(report.pagesVisited()).isEqualTo(1);
        assertThat(report.complete()).isFalse();
    }

    @Test
    void readsOnlyHtml() {
        page("/", "<a href=\"/faq/answers.json\">answers</a>");

        CrawlReport report = search.searchSite(start, OLD, 100, TWO_MINUTES);

        assertThat(report.pagesVisited()).isEqualTo(2);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void refusesAStartThatIsNoWebAddress() {
        assertThatThrownBy(() -> search.searchSite(URI.create("ftp://127.0.0.1/"), OLD, 10, TWO_MINUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void resolvesRelativeLinksAndDropsFragments() {
        URI about = URI.create("http://127.0.0.1:8080/rehearsal/sites/www/about/");

        assertThat(HttpSiteSearch.resolve(about, "../faq/#q3"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/rehearsal/sites/www/faq/"));
        assertThat(HttpSiteSearch.resolve(about, "team.html?tab=a&amp;b=c"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/rehearsal/sites/www/about/team.html?tab=a&b=c"));
        assertThat(HttpSiteSearch.resolve(about, "HTTP://127.0.0.1:8080")).isEqualTo(URI.create("http://127.0.0.1:8080/"));
        assertThat(HttpSiteSearch.resolve(about, "javascript:void(0)")).isNull();
        assertThat(HttpSiteSearch.resolve(about, "tel:+14155550100")).isNull();
    }

    private static void page(String path, String html) {
        site.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));
    }

    /** A clock that moves on by a fixed step each time it is read. */
    private static final class TickingClock extends Clock {

        private final Duration step;
        private Instant now = Instant.parse("2025-06-02T09:00:00Z");

        TickingClock(Duration step) {
            this.step = step;
        }

        @Override
        public Instant instant() {
            Instant read = now;
            now = now.plus(step);
            return read;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
