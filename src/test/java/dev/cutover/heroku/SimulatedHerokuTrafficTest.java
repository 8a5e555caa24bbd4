package dev.cutover.heroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** Check Heroku traffic in the rehearsal: the router's log holds a line per request the Heroku site served. */
@SimulatedWorldTest
@Import(SimulatedHeroku.class)
class SimulatedHerokuTrafficTest {

    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    @Autowired SimulatedHeroku heroku;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;
    @Autowired WorldClock clock;

    private String app;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
        app = plan.heroku().app();
    }

    @Test
    void noTrafficAtFirst() {
        RouterTraffic traffic = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);

        assertThat(traffic.requests()).isZero();
        assertThat(traffic.complete()).isTrue();
        assertThat(traffic.summary()).isEqualTo("0 requests in the last 15 min");
    }

    @Test
    void everyRequestTheSiteServedIsARouterLine_5xxCounted() {
        heroku.routerServed(app, "/health/", 200, null, 2);
        heroku.routerServed(app, "/apply/", 200, null, 5120);
        heroku.routerServed(app, "/", 503, "H80", 612);

        RouterTraffic traffic = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);

        assertThat(traffic.requests()).isEqualTo(3);
        assertThat(traffic.serverErrors()).isEqualTo(1);
        assertThat(traffic.linesRead()).isEqualTo(3);
        assertThat(traffic.to()).isEqualTo(clock.instant());
        assertThat(traffic.summary()).isEqualTo("3 requests in the last 15 min (1 answered 5xx)");
        JsonNode routerLog = view().at("/routerLog");
        assertThat(routerLog.at("/lines").asInt()).isEqualTo(3);
        assertThat(routerLog.at("/latest/0").asText())
                .contains(" heroku[router]: at=info method=GET path=\"/health/\" host=" + plan.domains().old().name())
                .contains("status=200 bytes=2");
        assertThat(routerLog.at("/latest/2").asText())
                .contains("heroku[router]: at=info code=H80 desc=\"Maintenance mode\" method=GET path=\"/\"")
                .contains("status=503");
    }

    @Test
    void onlyTheLinesOfTheWindowAreCounted() {
        heroku.routerServed(app, "/", 200, null, 1800);
        clock.advance(Duration.ofMinutes(20));
        heroku.routerServed(app, "/faq/", 200, null, 2400);
        heroku.routerServed(app, "/", 503, "H14", 612);

        RouterTraffic traffic = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);

        assertThat(traffic.requests()).isEqualTo(2);
        assertThat(traffic.serverErrors()).isEqualTo(1);
        assertThat(traffic.linesRead()).isEqualTo(3);
        assertThat(traffic.complete()).isTrue();
        assertThat(view().at("/routerLog/latest/2").asText()).contains("at=error code=H14 desc=\"No web processes running\"");
    }

    @Test
    void aSessionOfFewerLinesThanTheWindowHoldsIsAnAtLeast() {
        for (int i = 0; i < 5; i++) {
            heroku.routerServed(app, "/", 200, null, 1800);
            clock.advance(Duration.ofSeconds(30));
        }

        RouterTraffic traffic = heroku.routerTraffic(app, FIFTEEN_MINUTES, 3);

        assertThat(traffic.requests()).isEqualTo(3);
        assertThat(traffic.linesRead()).isEqualTo(3);
        assertThat(traffic.complete()).isFalse();
        assertThat(traffic.summary()).startsWith("at least 3 requests in the last 15 min: the log session's 3 lines"
                + " reach back only to ");
    }

    @Test
    void theVisitorsFaultHasVisitorsReachTheAppOverTheWindowOfTheNextCheck() {
        faults.arm(SimulatedHeroku.VISITORS, 1);

        RouterTraffic visited = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);
        RouterTraffic again = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);
        RouterTraffic lastFiveMinutes = heroku.routerTraffic(app, Duration.ofMinutes(5), 1500);

        assertThat(visited.requests()).isEqualTo(SimulatedHeroku.VISITOR_REQUESTS);
        assertThat(visited.serverErrors()).isZero();
        assertThat(again.requests()).as("the visitors' lines stay in the log; no new visitors")
                .isEqualTo(SimulatedHeroku.VISITOR_REQUESTS);
        assertThat(lastFiveMinutes.requests()).as("spread over the window").isEqualTo(4);
    }

    @Test
    void visitorsOfAnAppInMaintenanceGetTheMaintenancePage() {
        heroku.ensureMaintenance(app, true);
        faults.arm(SimulatedHeroku.VISITORS, 1);

        RouterTraffic traffic = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);

        assertThat(traffic.requests()).isEqualTo(SimulatedHeroku.VISITOR_REQUESTS);
        assertThat(traffic.serverErrors()).isEqualTo(SimulatedHeroku.VISITOR_REQUESTS);
        assertThat(view().at("/routerLog/latest/0").asText()).contains("code=H80");
    }

    @Test
    void theRouterLogKeepsTheLast1500Lines() {
        int checks = 1500 / SimulatedHeroku.VISITOR_REQUESTS + 2;
        faults.arm(SimulatedHeroku.VISITORS, checks);
        for (int i = 0; i < checks; i++) {
            heroku.routerTraffic(app, FIFTEEN_MINUTES, 1);
        }

        RouterTraffic traffic = heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500);

        assertThat(view().at("/routerLog/lines").asInt()).isEqualTo(1500);
        assertThat(traffic.linesRead()).isEqualTo(1500);
        assertThat(traffic.requests()).isEqualTo(1500);
        assertThat(traffic.complete()).isFalse();
    }

    @Test
    void anUnknownAppIsRefusedNamingIt_andKeepsTheVisitorsArmed() {
        faults.arm(SimulatedHeroku.VISITORS, 1);

        assertThatThrownBy(() -> heroku.routerTraffic("someone-else", FIFTEEN_MINUTES, 1500))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Checking the router traffic of Heroku app 'someone-else'")
                .hasMessageContaining("Heroku has no app named 'someone-else'")
                .hasMessageContaining("404 Not Found");
        assertThat(heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500).requests())
                .isEqualTo(SimulatedHeroku.VISITOR_REQUESTS);
    }

    @Test
    void aRequestForAnAppHerokuDoesNotHaveIsLoggedNowhere() {
        heroku.routerServed("someone-else", "/", 404, null, 512);

        assertThat(world.toTree(heroku.view()).at("/apps/someone-else").isMissingNode()).isTrue();
        assertThat(heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500).requests()).isZero();
    }

    @Test
    void anOutageFailsTheNextCheckOnly() {
        faults.arm("heroku.outage", 1);
        heroku.routerServed(app, "/", 200, null, 1800);

        assertThatThrownBy(() -> heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500)).isInstanceOf(SimulatedOutage.class);
        assertThat(heroku.routerTraffic(app, FIFTEEN_MINUTES, 1500).requests()).isEqualTo(1);
    }

    private JsonNode view() {
        return world.toTree(heroku.view()).at("/apps/" + app);
    }
}
