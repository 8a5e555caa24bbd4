package dev.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The rehearsal's copy of the new site, crawled over real HTTP by the same search that crawls www
 * on the day. Not an engine test: it needs the application's web server, not the process engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "cutover.access.admin-password=rehearsal-admin-password"
})
@ActiveProfiles("rehearsal")
@ContextConfiguration(initializers = TestDatabase.class)
class SimulatedSitesTest {

    @LocalServerPort int port;
    @Autowired SiteSearch search;
    @Autowired MigrationPlan plan;

    @Test
    void theSearchFindsTheFourPagesThatStillMentionTheOldDomain() {
        URI www = URI.create("http://127.0.0.1:" + port + SimulatedSites.WWW);

        CrawlReport report = search.searchSite(www, plan.domains().old().name(), 300, Duration.ofMinutes(1));

        assertThat(report.complete()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.pagesVisited()).isEqualTo(14);
        assertThat(report.pagesWithFindings()).containsExactlyInAnyOrder(
                www + "how-it-works/", www + "faq/", www + "partners/", www + "privacy/");
        assertThat(report.findings()).hasSize(5).extracting(Finding::context).contains(
                "<img src=\"https://clearmyrecord.codeforamerica.org/static/img/how-it-works-diagram.png\""
                        + " alt=\"The three steps of clearing…",
                "<a href=\"https://clearmyrecord.codeforamerica.org/partners/toolkit/\">",
                "<link rel=\"canonical\" href=\"https://clearmyrecord.codeforamerica.org/privacy/\">");
        assertThat(report.findings()).filteredOn(finding -> finding.page().endsWith("/faq/"))
                .extracting(Finding::context)
                .satisfiesExactly(
                        question -> assertThat(question).contains("I bookmarked clearmyrecord.codeforamerica.org."),
                        answer -> assertThat(answer).contains("Our old address clearmyrecord.codeforamerica.org now"));
    }

    @Test
    void theSiteIsOpenWithoutCredentials_andAddsTheTrailingSlashAsDjangoDoes() throws Exception {
        HttpResponse<String> faq = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rehearsal/sites/www/faq")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(faq.statusCode()).isEqualTo(301);
        assertThat(faq.headers().firstValue("Location")).hasValue("/rehearsal/sites/www/faq/");
    }

    @Test
    void thePlansCrawlStartIsThisApplicationsCopyOfTheSite() {
        URI start = plan.preparation().crawlStart();

        assertThat(start.getHost()).isEqualTo("localhost");
        assertThat(start.getPath()).isEqualTo(SimulatedSites.WWW);
    }
}
