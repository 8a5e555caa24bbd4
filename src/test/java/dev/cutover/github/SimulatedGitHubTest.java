package dev.cutover.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedLatency;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.TestClock;
import dev.cutover.support.TestDatabase;
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

@SpringBootTest(classes = SimulatedGitHubTest.World.class)
@ActiveProfiles("rehearsal")
@ContextConfiguration(initializers = TestDatabase.class)
class SimulatedGitHubTest {

    private static final String REPOSITORY = "codeforamerica/clear-my-record";

    @Autowired
    private SimulatedGitHub github;

    @Autowired
    private WorldStore world;

    @Autowired
    private Faults faults;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
    }

    @Test
    void findsTheLambdaBranchAheadOfMain_andUpToDate() {
        BranchComparison comparison = github.compare(REPOSITORY, "main", "lambda");

        assertThat(comparison).isEqualTo(new BranchComparison("main", "lambda", "ahead", 4, 0));
        assertThat(comparison.upToDate()).isTrue();
    }

    @Test
    void findsTheBranchBehindOnce_whenMainMovedOn() {
        faults.arm("github.behind", 1);

        BranchComparison behind = github.compare(REPOSITORY, "main", "lambda");
        BranchComparison next = github.compare(REPOSITORY, "main", "lambda");

        assertThat(behind).isEqualTo(new BranchComparison("main", "lambda", "diverged", 4, 3));
        assertThat(behind.upToDate()).isFalse();
        assertThat(next.upToDate()).isTrue();
    }

    @Test
    void failsLikeA404_forABranchTheRepositoryDoesNotHave() {
        assertThatThrownBy(() -> github.compare(REPOSITORY, "main", "zappa"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining(REPOSITORY + " exists with branches 'main' and 'zappa'");
    }

    @Test
    void showsTheBranchesAndWhatWasCompared() {
        github.compare(REPOSITORY, "main", "lambda");

        JsonNode view = world.toTree(github.view());

        assertThat(view.get("repository").asText()).isEqualTo(REPOSITORY);
        assertThat(view.get("branches").get("main").get("default").asBoolean()).isTrue();
        assertThat(view.get("branches").get("lambda").get("aheadBy").asInt()).isEqualTo(4);
        assertThat(view.get("comparisons")).hasSize(1);
        assertThat(view.get("comparisons").get(0).get("status").asText()).isEqualTo("ahead");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class})
    @EnableConfigurationProperties({MigrationPlan.class, RehearsalSettings.class})
    @Import({WorldStore.class, Faults.class, SimulatedLatency.class, TestClock.class, SimulatedGitHub.class})
    static class World {
    }
}
