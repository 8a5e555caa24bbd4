package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.support.CutoverEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The redirect bucket in the rehearsal's world: set up before Day 0, as the runbook finds it. */
@CutoverEngineTest
class SimulatedS3Test {

    @Autowired SimulatedS3 s3;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;

    @BeforeEach
    void freshWorld() {
        world.reset();
    }

    @Test
    void theRedirectBucketAlreadySendsTheApexToWww() {
        Ensured<String> result = s3.ensureRedirectBucket("clearmyrecord.org", "www.clearmyrecord.org", "https");

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value()).isEqualTo("clearmyrecord.org.s3-website-us-east-1.amazonaws.com");
        assertThat(bucketInView("clearmyrecord.org").path("websiteRedirectsTo").asText())
                .isEqualTo("https://www.clearmyrecord.org");
    }

    @Test
    void aRollbackRepointsTheRedirectBucketToTheOldDomain() {
        Ensured<String> result = s3.ensureRedirectBucket(plan.domains().current().name(),
                plan.domains().old().name(), "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(bucketInView("clearmyrecord.org").path("websiteRedirectsTo").asText())
                .isEqualTo("https://clearmyrecord.codeforamerica.org");
    }

    @Test
    void aMissingRedirectBucketIsCreated() {
        Ensured<String> result = s3.ensureRedirectBucket("example.org", "www.example.org", "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(bucketInView("example.org").path("websiteEndpoint").asText())
                .isEqualTo("example.org.s3-website-us-east-1.amazonaws.com");
    }

    @Test
    void theMediaBucketsShowNoWebsite() {
        assertThat(bucketInView(plan.buckets().media()).has("websiteRedirectsTo")).isFalse();
    }

    @Test
    void anOutageFailsTheNextCallAndLeavesTheBucketAsItWas() {
        faults.arm("s3.outage", 1);

        assertThatThrownBy(() -> s3.ensureRedirectBucket("clearmyrecord.org", "clearmyrecord.codeforamerica.org",
                "https")).isInstanceOf(SimulatedOutage.class);
        assertThat(bucketInView("clearmyrecord.org").path("websiteRedirectsTo").asText())
                .isEqualTo("https://www.clearmyrecord.org");
    }

    private JsonNode bucketInView(String bucket) {
        return world.toTree(s3.view()).path("buckets").path(bucket);
    }
}
