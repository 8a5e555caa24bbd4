package dev.cutover.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.SimulatedWorldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The rehearsal's Heroku releases: config changes keep the slug, a Zappa merge brings a new one, a rollback brings back a release's slug and config. */
@SimulatedWorldTest
@Import(SimulatedHeroku.class)
class SimulatedHerokuReleasesTest {

    @Autowired SimulatedHeroku heroku;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;

    private String app;

    @BeforeEach
    void freshWorld() {
        world.reset();
        app = plan.heroku().app();
    }

    @Test
    void theAppRunsItsFirstSlugAndAConfigChangeIsAReleaseOfTheSameCode() {
        heroku.setConfigVars(app, Map.of("AWS_STORAGE_BUCKET_NAME", plan.buckets().media()));

        List<Release> releases = heroku.releases(app, 10);

        assertThat(releases).extracting(Release::version).containsExactly(213, 212);
        assertThat(releases).allSatisfy(release -> assertThat(release.slugId()).isEqualTo(SimulatedHeroku.FIRST_SLUG));
    }

    @Test
    void aZappaMergeIsANewSlugAndARollbackBringsBackTheReleasesCodeAndItsConfig() {
        heroku.setConfigVars(app, Map.of("AWS_STORAGE_BUCKET_NAME", plan.buckets().media()));
        faults.arm("heroku.zappa-merged", 1);
        Release merged = heroku.releases(app, 1).get(0);
        assertThat(merged.slugId()).isNotEqualTo(SimulatedHeroku.FIRST_SLUG);
        assertThat(merged.description()).contains("zappa");

        Release rolledBack = heroku.rollbackTo(app, "v212");

        assertThat(rolledBack.description()).isEqualTo("Rollback to v212");
        assertThat(rolledBack.sameCodebaseAs(SimulatedHeroku.FIRST_SLUG)).isTrue();
        // as on Heroku: v212's config vars too
        assertThat(heroku.configVars(app)).containsEntry("AWS_STORAGE_BUCKET_NAME", plan.buckets().oldMedia());
        assertThat(world.toTree(heroku.view()).path("apps").path(app).path("slug").asText())
                .isEqualTo(SimulatedHeroku.FIRST_SLUG);
    }
}
