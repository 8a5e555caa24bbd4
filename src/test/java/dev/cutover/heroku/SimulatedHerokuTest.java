package dev.cutover.heroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.CutoverEngineTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class SimulatedHerokuTest {

    private static final String INTERIM_SECRET = "rehearsal/interim/secret/00000000000000000";

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
    void theAppServesMediaFromTheOldBucketWithTheHerokuEraKeyAtFirst() {
        Map<String, String> vars = heroku.configVars(app);

        assertThat(vars)
                .containsEntry("AWS_STORAGE_BUCKET_NAME", plan.buckets().oldMedia())
                .containsEntry(plan.heroku().s3AccessKeyIdVar(), SimulatedHeroku.HEROKU_ERA_KEY_ID)
                .containsKeys(plan.heroku().s3SecretAccessKeyVar(), "DATABASE_URL", "DJANGO_SETTINGS_MODULE");
        assertThat(vars.get("DATABASE_URL")).startsWith("postgres://").contains(plan.rds().instanceId());
    }

    @Test
    void changingVarsSetsAndRemovesThemInOneRelease() {
        Map<String, String> changes = new HashMap<>();
        changes.put(plan.heroku().s3AccessKeyIdVar(), "AKIAREHEARSALINTERIM");
        changes.put(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET);
        changes.put("SENTRY_DSN", null);

        heroku.setConfigVars(app, changes);

        assertThat(heroku.configVars(app))
                .containsEntry(plan.heroku().s3AccessKeyIdVar(), "AKIAREHEARSALINTERIM")
                .containsEntry(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET)
                .doesNotContainKey("SENTRY_DSN");
        JsonNode shown = view();
        assertThat(shown.at("/release").asText()).isEqualTo("v213");
        assertThat(shown.at("/releases/0/description").asText())
                .isEqualTo("Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY config vars; Remove SENTRY_DSN config vars");
    }

    @Test
    void settingTheValuesItHasAlreadyMakesNoRelease() {
        heroku.setConfigVars(app, Map.of("AWS_STORAGE_BUCKET_NAME", plan.buckets().oldMedia()));

        assertThat(view().at("/release").asText()).isEqualTo("v212");
        assertThat(view().at("/releases").size()).isZero();
    }

    @Test
    void theWorldViewMasksSecretsButShowsBucketSettingsAndKeyIds() {
        heroku.setConfigVars(app, Map.of(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET));

        JsonNode vars = view().at("/configVars");

        assertThat(vars.toString()).doesNotContain(INTERIM_SECRET).doesNotContain("rehearsal-db-password");
        assertThat(vars.at("/" + plan.heroku().s3SecretAccessKeyVar()).asText()).isEqualTo(SimulatedHeroku.MASKED);
        assertThat(vars.at("/DATABASE_URL").asText()).isEqualTo(SimulatedHeroku.MASKED);
        assertThat(vars.at("/SECRET_KEY").asText()).isEqualTo(SimulatedHeroku.MASKED);
        assertThat(vars.at("/AWS_STORAGE_BUCKET_NAME").asText()).isEqualTo(plan.buckets().oldMedia());
        assertThat(vars.at("/DJANGO_SETTINGS_MODULE").asText()).endsWith(".settings.production");
        assertThat(vars.at("/" + plan.heroku().s3AccessKeyIdVar()).asText()).isEqualTo(SimulatedHeroku.HEROKU_ERA_KEY_ID);
        assertThat(view().at("/formation/web/quantity").asInt()).isEqualTo(2);
        assertThat(view().at("/maintenance").asBoolean()).isFalse();
    }

    @Test
    void anUnknownAppIsRefusedWithoutValues() {
        assertThatThrownBy(() -> heroku.setConfigVars("someone-else", Map.of("SECRET_KEY", INTERIM_SECRET)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku has no app named 'someone-else'")
                .hasMessageNotContaining(INTERIM_SECRET);
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("heroku.outage", 1);

        assertThatThrownBy(() -> heroku.configVars(app)).isInstanceOf(SimulatedOutage.class);
        assertThat(heroku.configVars(app)).isNotEmpty();
    }

    private JsonNode view() {
        return world.toTree(heroku.view()).at("/apps/" + app);
    }
}
