package dev.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.heroku.RouterTraffic;
import dev.cutover.aws.lambda.LambdaPort;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.TestClock;
import dev.cutover.tower.TowerPort;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rehearsal's two sites over real HTTP, probed at the plan's addresses exactly as Day 1 probes
 * them: the old site on Heroku, and www, which answers from Lambda only once the Zappa deploy has
 * succeeded and the custom domain has started answering.
 */
@CutoverEngineTest
class SimulatedHostingTest {

    @LocalServerPort int port;
    @Autowired SiteProbe probe;
    @Autowired TowerPort tower;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired SimulatedHosting hosting;
    @Autowired RehearsalSettings settings;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired RdsPort rds;
    @Autowired LambdaPort lambda;

    private URI herokuHealth;
    private URI wwwHealth;
    private Duration deployTakes;

    @BeforeEach
    void theWorldAsTheRunbookFindsIt() {
        world.reset();
        clock.reset();
        herokuHealth = URI.create(plan.heroku().baseUrl() + plan.launch().healthPath());
        wwwHealth = URI.create(plan.launch().newSiteUrl() + plan.launch().healthPath());
        deployTakes = settings.jobQueuedFor().plus(settings.jobRunsFor());
    }

    @Test
    void thePlansSitesAreThisApplicationsOwn() {
        assertThat(herokuHealth).isEqualTo(URI.create("http://localhost:" + port + "/rehearsal/sites/heroku/health/"));
        assertThat(wwwHealth).isEqualTo(URI.create("http://localhost:" + port + "/rehearsal/sites/www/health/"));
    }

    @Test
    void theHerokuSiteIsHealthyAndServedByHeroku() {
        SiteAnswer answer = probe.probe(herokuHealth);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.HEROKU);
        assertThat(answer.bodyStart()).isEqualTo("ok");
    }

    @Test
    void wwwDoesNotServeTheAppBeforeTheDeploy() {
        SiteAnswer answer = probe.probe(wwwHealth);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.UNKNOWN);
        assertThat(answer.bodyStart()).contains("The request could not be satisfied");
        assertThat(world.toTree(hosting.view()).at("/www/servesLambda").asBoolean()).isFalse();
    }

    @Test
    void wwwAnswersFromLambdaOnceTheDeploySucceededAndTheDomainAnswers() {
        tower.launchJob(deployZappa(), Map.of());

        clock.advance(deployTakes.plus(settings.siteAppearsAfter()).minusSeconds(1));
        SiteAnswer tooEarly = probe.probe(wwwHealth);
        clock.advance(Duration.ofSeconds(1));
        SiteAnswer live = probe.probe(wwwHealth);

        assertThat(tooEarly.status()).isEqualTo(403);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.servedBy()).isEqualTo(SiteAnswer.LAMBDA);
        assertThat(live.bodyStart()).isEqualTo("ok");
        JsonNode www = world.toTree(hosting.view()).at("/www");
        assertThat(www.path("servesLambda").asBoolean()).isTrue();
        assertThat(www.path("since").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void onceLive_theSitesPagesComeFromLambdaToo() {
        tower.launchJob(deployZappa(), Map.of());
        clock.advance(deployTakes.plus(settings.siteAppearsAfter()));

        SiteAnswer faq = probe.probe(URI.create(plan.launch().newSiteUrl() + "/faq/"));

        assertThat(faq.status()).isEqualTo(200);
        assertThat(faq.servedBy()).isEqualTo(SiteAnswer.LAMBDA);
    }

    @Test
    void withWwwLateArmed_theSiteNeverAppears() {
        faults.arm(SimulatedHosting.WWW_LATE, 1);

        tower.launchJob(deployZappa(), Map.of());
        clock.advance(Duration.ofHours(2));

        SiteAnswer answer = probe.probe(wwwHealth);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.UNKNOWN);
        assertThat(world.toTree(hosting.view()).at("/www/zappaDeploys/0/siteAppearsAt").asText())
                .isEqualTo("never (sites.www-late)");
    }

    @Test
    void aFailedDeployLeavesWwwUnanswered() {
        faults.arm("tower.job.fails", 1);

        tower.launchJob(deployZappa(), Map.of());
        clock.advance(Duration.ofHours(2));

        assertThat(probe.probe(wwwHealth).status()).isEqualTo(403);
    }

    @Test
    void otherPlaybooksDoNotMakeWwwAppear() {
        tower.launchJob(plan.tower().jobTemplates().createStorage().name(), Map.of());
        clock.advance(Duration.ofHours(2));

        assertThat(probe.probe(wwwHealth).status()).isEqualTo(403);
    }

    @Test
    void inMaintenance_theHerokuSiteAnswersWithTheMaintenancePage() {
        herokuApp(app -> app.put("maintenance", true));

        SiteAnswer answer = probe.probe(herokuHealth);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.HEROKU);
        assertThat(answer.bodyStart()).contains("<title>Offline for Maintenance</title>");
        assertThat(world.toTree(hosting.view()).at("/heroku/answers").asText()).contains("maintenance");
    }

    @Test
    void withoutWebDynos_theHerokuSiteAnswersApplicationError() {
        herokuApp(app -> app.withObjectProperty("formation").withObjectProperty("web").put("quantity", 0));

        SiteAnswer answer = probe.probe(herokuHealth);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.HEROKU);
        assertThat(answer.bodyStart()).contains("<title>Application Error</title>");
    }

    @Test
    void everyAnswerOfTheHerokuSiteIsARouterLine_thatCheckingHerokuTrafficCounts() {
        probe.probe(herokuHealth);
        probe.probe(URI.create(plan.heroku().baseUrl() + "/apply/"));
        herokuApp(app -> app.put("maintenance", true));
        probe.probe(herokuHealth);

        RouterTraffic traffic = heroku.routerTraffic(plan.heroku().app(), Duration.ofMinutes(15), 1500);

        assertThat(traffic.requests()).isEqualTo(3);
        assertThat(traffic.serverErrors()).isEqualTo(1);
        assertThat(traffic.summary()).isEqualTo("3 requests in the last 15 min (1 answered 5xx)");
    }

    @Test
    void aNewDatabasePassword_failsWwwWithDjangosServerErrorUntilLambdaHasIt_andTheOutageIsNoted() {
        tower.launchJob(deployZappa(), Map.of());
        clock.advance(deployTakes.plus(settings.siteAppearsAfter()));
        SiteAnswer before = probe.probe(wwwHealth);
        rds.changeMasterPassword(plan.rds().instanceId(), "Xq7-vT2!pL9#mR4$kW8");
        clock.advance(Duration.ofSeconds(5));

        SiteAnswer health = probe.probe(wwwHealth);
        SiteAnswer faq = probe.probe(URI.create(plan.launch().newSiteUrl() + "/faq/"));
        lambda.updateEnvironment(plan.lambda().functionName(), Map.of(plan.rds().urlVariable(),
                "postgres://clearmyrecord:Xq7-vT2%21pL9%23mR4%24kW8@prod.example.rds.amazonaws.com:5432/clearmyrecord"));
        clock.advance(Duration.ofSeconds(2));
        SiteAnswer after = probe.probe(wwwHealth);

        assertThat(before.status()).isEqualTo(200);
        assertThat(health.status()).isEqualTo(500);
        assertThat(health.servedBy()).isEqualTo(SiteAnswer.LAMBDA);
        assertThat(health.bodyStart()).contains("Server Error (500)");
        assertThat(faq.status()).isEqualTo(500);
        assertThat(after.status()).isEqualTo(200);
        JsonNode outage = world.toTree(hosting.view()).at("/www/outages/0");
        assertThat(outage.path("seconds").asDouble()).isEqualTo(2.0);
        assertThat(world.toTree(hosting.view()).at("/www/databaseConnects").asBoolean()).isTrue();
    }

    private String deployZappa() {
        return plan.tower().jobTemplates().deployZappa().name();
    }

    /** Heroku's document as the rehearsal's Heroku keeps it: apps.<app>.maintenance and .formation.web.quantity. */
    private void herokuApp(Consumer<ObjectNode> change) {
        world.change("heroku", ObjectNode.class, this::herokuAsTheRunbookFindsIt, heroku -> {
            change.accept(heroku.withObjectProperty("apps").withObjectProperty(plan.heroku().app()));
            return null;
        });
    }

    private ObjectNode herokuAsTheRunbookFindsIt() {
        ObjectNode heroku = new ObjectMapper().createObjectNode();
        ObjectNode app = heroku.putObject("apps").putObject(plan.heroku().app());
        app.put("maintenance", false);
        app.putObject("formation").putObject("web").put("quantity", 2).put("size", "standard-1x");
        return heroku;
    }
}
