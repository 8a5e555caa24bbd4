package dev.cutover.pingdom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedLatency;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.support.TestClock;
import dev.cutover.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(classes = SimulatedPingdomTest.World.class)
@ActiveProfiles("rehearsal")
@ContextConfiguration(initializers = TestDatabase.class)
class SimulatedPingdomTest {

    private static final String NAME = "clearmyrecord.org health";
    private static final String WWW = "www.clearmyrecord.org";
    private static final String OLD = "clearmyrecord.codeforamerica.org";

    @Autowired
    private SimulatedPingdom pingdom;

    @Autowired
    private WorldStore world;

    @Autowired
    private Faults faults;

    @Autowired
    private TestClock clock;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
        clock.reset();
    }

    @Test
    void watchesOnlyTheOldHerokuSite_beforeTheRun() {
        JsonNode checks = world.toTree(pingdom.view()).get("checks");

        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).get("name").asText()).isEqualTo(OLD + " health");
        assertThat(checks.get(0).get("url").asText()).isEqualTo("https://" + OLD + "/health/");
        assertThat(checks.get(0).get("status").asText()).isEqualTo("up");
    }

    @Test
    void addsTheCheckOnTheNewDomain_unknownUntilItsFirstTest_thenUp() {
        Ensured<PingdomCheck> added = pingdom.ensureHttpCheck(NAME, WWW, "/health/");

        assertThat(added.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(added.value().status()).isEqualTo("unknown");
        assertThat(added.value()).extracting(PingdomCheck::host, PingdomCheck::path, PingdomCheck::encryption)
                .containsExactly(WWW, "/health/", true);

        clock.advance(Duration.ofSeconds(2));
        Ensured<PingdomCheck> again = pingdom.ensureHttpCheck(NAME, WWW, "/health/");

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.value()).isEqualTo(
                new PingdomCheck(added.value().id(), NAME, WWW, "/health/", true, "up"));
        assertThat(world.toTree(pingdom.view()).get("checks")).hasSize(2);
    }

    @Test
    void correctsACheckOfThatNameWatchingAnotherSite() {
        pingdom.ensureHttpCheck(OLD + " health", WWW, "/health/");

        JsonNode checks = world.toTree(pingdom.view()).get("checks");
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).get("url").asText()).isEqualTo("https://" + WWW + "/health/");
        assertThat(checks.get(0).get("status").asText()).isEqualTo("unknown");
    }

    @Test
    void failsLikeA503_whenAnOutageIsArmed_thenAnswersAgain() {
        faults.arm("pingdom.outage", 1);

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, WWW, "/health/"))
                .isInstanceOf(SimulatedOutage.class)
                .hasMessageContaining("503");
        assertThat(pingdom.ensureHttpCheck(NAME, WWW, "/health/").changed()).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class})
    @EnableConfigurationProperties({MigrationPlan.class, RehearsalSettings.class})
    @Import({WorldStore.class, Faults.class, SimulatedLatency.class, TestClock.class, SimulatedPingdom.class})
    static class World {
    }
}
