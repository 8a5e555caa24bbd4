package dev.cutover.aws.rds;

import static dev.cutover.aws.rds.RdsWire.error;
import static dev.cutover.aws.rds.RdsWire.ok;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

@WireMockTest
class RdsAdapterTest {

    private static final String INSTANCE = "prod-db";
    private static final String SNAPSHOT = "cutover-2025-06-01";

    private RdsClient client;
    private RdsAdapter rds;

    @BeforeEach
    void rdsOnWireMock(WireMockRuntimeInfo wireMock) {
        client = AwsClients.rds(Region.US_EAST_1, URI.create("http://127.0.0.1:" + wireMock.getHttpPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        rds = new RdsAdapter(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void createsTheSnapshotWithItsTagsWhenItIsMissing() {
        stubFor(describe().willReturn(error(404, "DBSnapshotNotFound", "DBSnapshot " + SNAPSHOT + " not found.")));
        stubFor(create().willReturn(ok(createResponse(snapshot(SNAPSHOT, INSTANCE, "creating", 0)))));

        Ensured<Snapshot> result = rds.ensureSnapshot(INSTANCE, SNAPSHOT, Map.of("cutover", "heroku-to-lambda"));

        verify(1, createRequest()
                .withFormParam("DBInstanceIdentifier", equalTo(INSTANCE))
                .withFormParam("DBSnapshotIdentifier", equalTo(SNAPSHOT))
                .withFormParam("Tags.Tag.1.Key", equalTo("cutover"))
                .withFormParam("Tags.Tag.1.Value", equalTo("heroku-to-lambda")));
        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value()).isEqualTo(new Snapshot(SNAPSHOT, INSTANCE, "creating", 0));
    }

    @Test
    void findsAnExistingSnapshotAndCreatesNoSecond() {
        stubFor(describe().willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "creating", 40)))));

        Ensured<Snapshot> result = rds.ensureSnapshot(INSTANCE, SNAPSHOT, Map.of());

        verify(0, createRequest());
        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value()).isEqualTo(new Snapshot(SNAPSHOT, INSTANCE, "creating", 40));
    }

    @Test
    void treatsASnapshotCreatedByARacingRetryAsAlreadyDone() {
        stubFor(describe().inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(404, "DBSnapshotNotFound", "DBSnapshot " + SNAPSHOT + " not found."))
                .willSetStateTo("created by the other attempt"));
        stubFor(create().willReturn(
                error(400, "DBSnapshotAlreadyExists", "Cannot create the snapshot because one with this name already exists.")));
        stubFor(describe().inScenario("race").whenScenarioStateIs("created by the other attempt")
                .willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "creating", 0)))));

        Ensured<Snapshot> result = rds.ensureSnapshot(INSTANCE, SNAPSHOT, Map.of());

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().id()).isEqualTo(SNAPSHOT);
    }

    @Test
    void refusesASnapshotIdAlreadyTakenByAnotherInstance() {
        stubFor(describe().willReturn(ok(describeResponse(snapshot(SNAPSHOT, "staging-db", "available", 100)))));

        assertThatThrownBy(() -> rds.ensureSnapshot(INSTANCE, SNAPSHOT, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll(SNAPSHOT, "staging-db", INSTANCE);
        verify(0, createRequest());
    }

    @Test
    void namesTheInstanceWhenItDoesNotExist() {
        stubFor(describe().willReturn(error(404, "DBSnapshotNotFound", "DBSnapshot " + SNAPSHOT + " not found.")));
        stubFor(create().willReturn(error(404, "DBInstanceNotFound", "DBInstance " + INSTANCE + " not found.")));

        assertThatThrownBy(() -> rds.ensureSnapshot(INSTANCE, SNAPSHOT, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("instance '" + INSTANCE + "'", SNAPSHOT);
    }

    @Test
    void reportsNoSnapshotWhenRdsDoesNotKnowTheId() {
        stubFor(describe().willReturn(error(404, "DBSnapshotNotFound", "DBSnapshot " + SNAPSHOT + " not found.")));

        Optional<Snapshot> snapshot = rds.snapshot(SNAPSHOT);

        assertThat(snapshot).isEmpty();
    }

    @Test
    void followsTheSnapshotFromCreatingToAvailable() {
        stubFor(describe().inScenario("snapshot").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "creating", 10))))
                .willSetStateTo("halfway"));
        stubFor(describe().inScenario("snapshot").whenScenarioStateIs("halfway")
                .willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "creating", 60))))
                .willSetStateTo("done"));
        stubFor(describe().inScenario("snapshot").whenScenarioStateIs("done")
                .willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "available", 100)))));

        var polls = Stream.generate(() -> rds.snapshot(SNAPSHOT).orElseThrow()).limit(3).toList();

        assertThat(polls).extracting(Snapshot::status, Snapshot::percentProgress, Snapshot::available)
                .containsExactly(
                        tuple("creating", 10, false),
                        tuple("creating", 60, false),
                        tuple("available", 100, true));
        verify(3, postRequestedFor(urlEqualTo("/"))
                .withFormParam("Action", equalTo("DescribeDBSnapshots"))
                .withFormParam("DBSnapshotIdentifier", equalTo(SNAPSHOT)));
    }

    @Test
    void seesASnapshotThatEndedFailedAsFailed() {
        stubFor(describe().willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "failed", 35)))));

        Snapshot snapshot = rds.snapshot(SNAPSHOT).orElseThrow();

        assertThat(snapshot.failed()).isTrue();
        assertThat(snapshot.available()).isFalse();
    }

    @Test
    void readsAMissingProgressAsZero() {
        stubFor(describe().willReturn(ok(describeResponse(snapshot(SNAPSHOT, INSTANCE, "creating", null)))));

        Snapshot snapshot = rds.snapshot(SNAPSHOT).orElseThrow();

        assertThat(snapshot.percentProgress()).isZero();
    }

    @Test
    void listsTheInstancesReadReplicas() {
        stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeDBInstances"))
                .withFormParam("DBInstanceIdentifier", equalTo(INSTANCE))
                .willReturn(ok("""
                        <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                          <DescribeDBInstancesResult>
                            <DBInstances>
                              <DBInstance>
                                <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                                <DBInstanceStatus>available</DBInstanceStatus>
                                <ReadReplicaDBInstanceIdentifiers>
                                  <ReadReplicaDBInstanceIdentifier>clearmyrecord-replica-1</ReadReplicaDBInstanceIdentifier>
                                  <ReadReplicaDBInstanceIdentifier>clearmyrecord-replica-2</ReadReplicaDBInstanceIdentifier>
                                </ReadReplicaDBInstanceIdentifiers>
                              </DBInstance>
                            </DBInstances>
                          </DescribeDBInstancesResult>
                        </DescribeDBInstancesResponse>
                        """.formatted(INSTANCE))));

        assertThat(rds.readReplicas(INSTANCE)).containsExactly("clearmyrecord-replica-1", "clearmyrecord-replica-2");
    }

    @Test
    void namesTheInstanceWhoseReplicasCannotBeListed() {
        stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeDBInstances"))
                .willReturn(error(404, "DBInstanceNotFound", "DBInstance " + INSTANCE + " not found.")));

        assertThatThrownBy(() -> rds.readReplicas(INSTANCE)).hasMessageContaining(INSTANCE);
    }

    private static MappingBuilder describe() {
        return post(urlEqualTo("/"))
                .withFormParam("Action", equalTo("DescribeDBSnapshots"))
                .withFormParam("DBSnapshotIdentifier", equalTo(SNAPSHOT));
    }

    private static MappingBuilder create() {
        return post(urlEqualTo("/")).withFormParam("Action", equalTo("CreateDBSnapshot"));
    }

    private static RequestPatternBuilder createRequest() {
        return postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("CreateDBSnapshot"));
    }

    private static String describeResponse(String snapshot) {
        return """
                <DescribeDBSnapshotsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBSnapshotsResult>
                    <DBSnapshots>
                %s
                    </DBSnapshots>
                  </DescribeDBSnapshotsResult>
                  <ResponseMetadata><RequestId>5e2a8f0c-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
                </DescribeDBSnapshotsResponse>
                """.formatted(snapshot);
    }

    private static String createResponse(String snapshot) {
        return """
                <CreateDBSnapshotResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <CreateDBSnapshotResult>
                %s
                  </CreateDBSnapshotResult>
                  <ResponseMetadata><RequestId>5e2a8f0c-0000-4000-8000-000000000003</RequestId></ResponseMetadata>
                </CreateDBSnapshotResponse>
                """.formatted(snapshot);
    }

    private static String snapshot(String id, String instance, String status, Integer percentProgress) {
        return """
                <DBSnapshot>
                  <DBSnapshotIdentifier>%s</DBSnapshotIdentifier>
                  <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                  <SnapshotType>manual</SnapshotType>
                  <Engine>postgres</Engine>
                  <Status>%s</Status>
                  %s
                </DBSnapshot>
                """.formatted(id, instance, status,
                percentProgress == null ? "" : "<PercentProgress>" + percentProgress + "</PercentProgress>");
    }
}
