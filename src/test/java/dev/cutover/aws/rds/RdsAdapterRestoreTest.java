package dev.cutover.aws.rds;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static dev.cutover.aws.rds.RdsWire.error;
import static dev.cutover.aws.rds.RdsWire.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

/** Roll back the database to the known clean state: RestoreDBInstanceFromDBSnapshot to a new instance. */
@WireMockTest
class RdsAdapterRestoreTest {

    private static final String SOURCE = "clearmyrecord-prod";
    private static final String RESTORED = "clearmyrecord-prod-restored-1a2b3c4d";
    private static final String SNAPSHOT = "cutover-r1-day-1-1a2b3c4d";

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
    void restoresToANewInstanceInTheSourcesNetworkWithItsClassPublicAccessAndMultiAz() {
        stubFor(describe(RESTORED).willReturn(error(404, "DBInstanceNotFound", "DBInstance " + RESTORED + " not found.")));
        stubFor(describe(SOURCE).willReturn(ok(wrap("DescribeDBInstances", "<DBInstances>"
                + instance(SOURCE, "available") + "</DBInstances>"))));
        stubFor(restore().willReturn(ok(wrap("RestoreDBInstanceFromDBSnapshot", instance(RESTORED, "creating")))));

        Ensured<DbInstance> restored = rds.ensureRestoredFromSnapshot(SOURCE, SNAPSHOT, RESTORED);

        assertThat(restored.changed()).isTrue();
        assertThat(restored.value().id()).isEqualTo(RESTORED);
        assertThat(restored.value().status()).isEqualTo("creating");
        verify(1, postRequestedFor(urlEqualTo("/"))
                .withFormParam("Action", equalTo("RestoreDBInstanceFromDBSnapshot"))
                .withFormParam("Version", equalTo("2014-10-31"))
                .withFormParam("DBInstanceIdentifier", equalTo(RESTORED))
                .withFormParam("DBSnapshotIdentifier", equalTo(SNAPSHOT))
                .withFormParam("DBInstanceClass", equalTo("db.t3.medium"))
                .withFormParam("DBSubnetGroupName", equalTo("clearmyrecord-db-subnets"))
                .withFormParam("VpcSecurityGroupIds.VpcSecurityGroupId.1", equalTo("sg-0a1b2c3d4e5f60718"))
                .withFormParam("VpcSecurityGroupIds.VpcSecurityGroupId.2", equalTo("sg-0fedcba9876543210"))
                .withFormParam("PubliclyAccessible", equalTo("true"))
                .withFormParam("MultiAZ", equalTo("true")));
    }

    @Test
    void anInstanceRestoredByAnEarlierAttemptIsAlreadyDone() {
        stubFor(describe(RESTORED).willReturn(ok(wrap("DescribeDBInstances", "<DBInstances>"
                + instance(RESTORED, "creating") + "</DBInstances>"))));

        Ensured<DbInstance> restored = rds.ensureRestoredFromSnapshot(SOURCE, SNAPSHOT, RESTORED);

        assertThat(restored.changed()).isFalse();
        verify(0, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("RestoreDBInstanceFromDBSnapshot")));
    }

    @Test
    void aRaceWithAnotherAttemptIsAlreadyDone() {
        stubFor(describe(RESTORED).inScenario("race").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(error(404, "DBInstanceNotFound", "DBInstance " + RESTORED + " not found."))
                .willSetStateTo("restored"));
        stubFor(describe(RESTORED).inScenario("race").whenScenarioStateIs("restored")
                .willReturn(ok(wrap("DescribeDBInstances", "<DBInstances>" + instance(RESTORED, "creating")
                        + "</DBInstances>"))));
        stubFor(describe(SOURCE).willReturn(ok(wrap("DescribeDBInstances", "<DBInstances>"
                + instance(SOURCE, "available") + "</DBInstances>"))));
        stubFor(restore().willReturn(error(400, "DBInstanceAlreadyExists", "DB Instance already exists")));

        Ensured<DbInstance> restored = rds.ensureRestoredFromSnapshot(SOURCE, SNAPSHOT, RESTORED);

        assertThat(restored.changed()).isFalse();
        assertThat(restored.value().status()).isEqualTo("creating");
    }

    @Test
    void aSnapshotRdsDoesNotHaveIsAFailureThatNamesIt() {
        stubFor(describe(RESTORED).willReturn(error(404, "DBInstanceNotFound", "DBInstance " + RESTORED + " not found.")));
        stubFor(describe(SOURCE).willReturn(ok(wrap("DescribeDBInstances", "<DBInstances>"
                + instance(SOURCE, "available") + "</DBInstances>"))));
        stubFor(restore().willReturn(error(404, "DBSnapshotNotFound", "DBSnapshot " + SNAPSHOT + " not found.")));

        assertThatThrownBy(() -> rds.ensureRestoredFromSnapshot(SOURCE, SNAPSHOT, RESTORED))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(SNAPSHOT, "not found", RESTORED);
    }

    private static MappingBuilder describe(String instance) {
        return post(urlEqualTo("/"))
                .withFormParam("Action", equalTo("DescribeDBInstances"))
                .withFormParam("DBInstanceIdentifier", equalTo(instance));
    }

    private static MappingBuilder restore() {
        return post(urlEqualTo("/")).withFormParam("Action", equalTo("RestoreDBInstanceFromDBSnapshot"));
    }

    private static String wrap(String action, String result) {
        return """
                <%1$sResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <%1$sResult>
                %2$s
                  </%1$sResult>
                  <ResponseMetadata><RequestId>7c1f3a2e-0000-4000-8000-000000000010</RequestId></ResponseMetadata>
                </%1$sResponse>
                """.formatted(action, result);
    }

    private static String instance(String id, String status) {
        return """
                <DBInstance>
                  <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                  <DBInstanceClass>db.t3.medium</DBInstanceClass>
                  <Engine>postgres</Engine>
                  <DBInstanceStatus>%s</DBInstanceStatus>
                  <MasterUsername>clearmyrecord</MasterUsername>
                  <DBSubnetGroup>
                    <DBSubnetGroupName>clearmyrecord-db-subnets</DBSubnetGroupName>
                    <VpcId>vpc-0123456789abcdef0</VpcId>
                    <SubnetGroupStatus>Complete</SubnetGroupStatus>
                  </DBSubnetGroup>
                  <VpcSecurityGroups>
                    <VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0a1b2c3d4e5f60718</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>
                    <VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0fedcba9876543210</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>
                  </VpcSecurityGroups>
                  <PendingModifiedValues/>
                  <MultiAZ>true</MultiAZ>
                  <PubliclyAccessible>true</PubliclyAccessible>
                  <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:%1$s</DBInstanceArn>
                </DBInstance>
                """.formatted(id, status);
    }
}
