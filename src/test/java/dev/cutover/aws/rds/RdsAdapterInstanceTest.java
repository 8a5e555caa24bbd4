package dev.cutover.aws.rds;

import static dev.cutover.aws.rds.RdsWire.error;
import static dev.cutover.aws.rds.RdsWire.ok;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

/** Day 2 on the production database: its master password and whether it is public. */
@WireMockTest
@ExtendWith(OutputCaptureExtension.class)
class RdsAdapterInstanceTest {

    private static final String INSTANCE = "clearmyrecord-prod";
    private static final String ENDPOINT = "clearmyrecord-prod.c9akciq32lpx.us-east-1.rds.amazonaws.com";
    private static final String PASSWORD = "Xq7-vT2!pL9#mR4$kW8%zN3^bJ6&cH1*";

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
    void setsTheMasterPasswordToApplyImmediately() {
        stubFor(modify().willReturn(ok(modifyResponse(instance("available", true, true)))));

        rds.changeMasterPassword(INSTANCE, PASSWORD);

        verify(1, modifyRequest()
                .withFormParam("Version", equalTo("2014-10-31"))
                .withFormParam("DBInstanceIdentifier", equalTo(INSTANCE))
                .withFormParam("MasterUserPassword", equalTo(PASSWORD))
                .withFormParam("ApplyImmediately", equalTo("true"))
                .withFormParam("PubliclyAccessible", absent()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short7!", "with/slash-in-it", "with\"quote-in-it", "with@at-sign-in-it",
            "with space-in-it", "non-ascii-pässword", "tab\tinside-the-password"})
    void refusesAPasswordRdsWouldRejectWithoutQuotingIt(String refused) {
        Throwable thrown = catchThrowable(() -> rds.changeMasterPassword(INSTANCE, refused));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(INSTANCE);
        assertThat(thrown.getMessage()).doesNotContain(refused);
        verify(0, modifyRequest());
    }

    @Test
    void refusesAPasswordLongerThanRdsTakes() {
        String tooLong = "a".repeat(129);

        assertThatThrownBy(() -> rds.changeMasterPassword(INSTANCE, tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 128");
        verify(0, modifyRequest());
    }

    @Test
    void keepsThePasswordOutOfARefusalEvenWhenRdsQuotesIt(CapturedOutput output) {
        stubFor(modify().willReturn(error(400, "InvalidParameterValue",
                "The parameter MasterUserPassword is not a valid password: " + PASSWORD)));

        Throwable thrown = catchThrowable(() -> rds.changeMasterPassword(INSTANCE, PASSWORD));

        assertThat(thrown).isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(INSTANCE, "InvalidParameterValue", "MasterUserPassword");
        assertThat(stackTraceOf(thrown)).doesNotContain(PASSWORD);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void anInstanceBusyWithAnotherChangeIsLeftToARetry() {
        stubFor(modify().willReturn(error(400, "InvalidDBInstanceState",
                "Database instance is not in available state.")));

        Throwable thrown = catchThrowable(() -> rds.changeMasterPassword(INSTANCE, PASSWORD));

        assertThat(thrown).isNotInstanceOf(StepFailedException.class).isInstanceOf(RuntimeException.class)
                .hasMessageContainingAll(INSTANCE, "InvalidDBInstanceState");
        assertThat(stackTraceOf(thrown)).doesNotContain(PASSWORD);
    }

    @Test
    void namesAnInstanceRdsDoesNotHave() {
        stubFor(modify().willReturn(error(404, "DBInstanceNotFound", "DBInstance " + INSTANCE + " not found.")));

        assertThatThrownBy(() -> rds.changeMasterPassword(INSTANCE, PASSWORD))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("'" + INSTANCE + "'");
    }

    @Test
    void followsThePasswordChangeFromAvailableThroughResettingBackToAvailable() {
        stubFor(describe().inScenario("password").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(describeResponse(instance("available", true, false))))
                .willSetStateTo("resetting"));
        stubFor(describe().inScenario("password").whenScenarioStateIs("resetting")
                .willReturn(ok(describeResponse(instance("resetting-master-credentials", true, true))))
                .willSetStateTo("reset"));
        stubFor(describe().inScenario("password").whenScenarioStateIs("reset")
                .willReturn(ok(describeResponse(instance("available", true, false)))));

        var polls = Stream.generate(() -> rds.instance(INSTANCE)).limit(3).toList();

        assertThat(polls).extracting(DbInstance::status, DbInstance::passwordChangePending, DbInstance::available)
                .containsExactly(
                        tuple("available", false, true),
                        tuple("resetting-master-credentials", true, false),
                        tuple("available", false, true));
        assertThat(polls.get(0)).isEqualTo(new DbInstance(INSTANCE, "available", true, false, ENDPOINT));
        verify(3, postRequestedFor(urlEqualTo("/"))
                .withFormParam("Action", equalTo("DescribeDBInstances"))
                .withFormParam("DBInstanceIdentifier", equalTo(INSTANCE)));
    }

    @Test
    void seesAPendingPasswordWhileTheStatusStillReadsAvailable() {
        stubFor(describe().willReturn(ok(describeResponse(instance("available", true, true)))));

        DbInstance instance = rds.instance(INSTANCE);

        assertThat(instance.passwordChangePending()).isTrue();
    }

    @Test
    void reportsAnInstanceRdsDoesNotHaveAsAFailure() {
        stubFor(describe().willReturn(error(404, "DBInstanceNotFound", "DBInstance " + INSTANCE + " not found.")));

        assertThatThrownBy(() -> rds.instance(INSTANCE))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("'" + INSTANCE + "'");
    }

    @Test
    void makesAPublicDatabaseNotPublicAtOnce() {
        stubFor(describe().willReturn(ok(describeResponse(instance("available", true, false)))));
        stubFor(modify().willReturn(ok(modifyResponse(instance("modifying", false, false)))));

        Ensured<DbInstance> result = rds.ensurePubliclyAccessible(INSTANCE, false);

        verify(1, modifyRequest()
                .withFormParam("DBInstanceIdentifier", equalTo(INSTANCE))
                .withFormParam("PubliclyAccessible", equalTo("false"))
                .withFormParam("ApplyImmediately", equalTo("true"))
                .withFormParam("MasterUserPassword", absent()));
        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value()).isEqualTo(new DbInstance(INSTANCE, "modifying", false, false, ENDPOINT));
    }

    @Test
    void leavesADatabaseAlreadyPrivateAlone() {
        stubFor(describe().willReturn(ok(describeResponse(instance("available", false, false)))));

        Ensured<DbInstance> result = rds.ensurePubliclyAccessible(INSTANCE, false);

        verify(0, modifyRequest());
        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().publiclyAccessible()).isFalse();
    }

    @Test
    void makesItPublicAgainAsTheCompensation() {
        stubFor(describe().willReturn(ok(describeResponse(instance("available", false, false)))));
        stubFor(modify().willReturn(ok(modifyResponse(instance("modifying", true, false)))));

        Ensured<DbInstance> result = rds.ensurePubliclyAccessible(INSTANCE, true);

        verify(1, modifyRequest().withFormParam("PubliclyAccessible", equalTo("true")));
        assertThat(result.value().publiclyAccessible()).isTrue();
    }

    @Test
    void aVpcWithoutInternetGatewayRefusesAPublicDatabaseForGood() {
        stubFor(describe().willReturn(ok(describeResponse(instance("available", false, false)))));
        stubFor(modify().willReturn(error(400, "InvalidVPCNetworkStateFault",
                "Cannot create a publicly accessible DBInstance. The specified VPC has no internet gateway attached.")));

        assertThatThrownBy(() -> rds.ensurePubliclyAccessible(INSTANCE, true))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(INSTANCE, "make it public", "no internet gateway");
    }

    private static String stackTraceOf(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static MappingBuilder describe() {
        return post(urlEqualTo("/"))
                .withFormParam("Action", equalTo("DescribeDBInstances"))
                .withFormParam("DBInstanceIdentifier", equalTo(INSTANCE));
    }

    private static MappingBuilder modify() {
        return post(urlEqualTo("/")).withFormParam("Action", equalTo("ModifyDBInstance"));
    }

    private static RequestPatternBuilder modifyRequest() {
        return postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("ModifyDBInstance"));
    }

    private static String describeResponse(String instance) {
        return """
                <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBInstancesResult>
                    <DBInstances>
                %s
                    </DBInstances>
                  </DescribeDBInstancesResult>
                  <ResponseMetadata><RequestId>7c1f3a2e-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
                </DescribeDBInstancesResponse>
                """.formatted(instance);
    }

    private static String modifyResponse(String instance) {
        return """
                <ModifyDBInstanceResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <ModifyDBInstanceResult>
                %s
                  </ModifyDBInstanceResult>
                  <ResponseMetadata><RequestId>7c1f3a2e-0000-4000-8000-000000000003</RequestId></ResponseMetadata>
                </ModifyDBInstanceResponse>
                """.formatted(instance);
    }

    /** A DBInstance element as RDS writes it; the password, when pending, is masked by RDS itself. */
    private static String instance(String status, boolean publiclyAccessible, boolean passwordPending) {
        return """
                <DBInstance>
                  <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                  <DBInstanceClass>db.t3.medium</DBInstanceClass>
                  <Engine>postgres</Engine>
                  <EngineVersion>13.13</EngineVersion>
                  <DBInstanceStatus>%s</DBInstanceStatus>
                  <MasterUsername>clearmyrecord</MasterUsername>
                  <DBName>clearmyrecord</DBName>
                  <Endpoint>
                    <Address>%s</Address>
                    <Port>5432</Port>
                    <HostedZoneId>Z2R2ITUGPM61AM</HostedZoneId>
                  </Endpoint>
                  <AllocatedStorage>100</AllocatedStorage>
                  <PendingModifiedValues>%s</PendingModifiedValues>
                  <MultiAZ>false</MultiAZ>
                  <PubliclyAccessible>%s</PubliclyAccessible>
                  <StorageEncrypted>true</StorageEncrypted>
                  <ReadReplicaDBInstanceIdentifiers/>
                  <DbiResourceId>db-ABCDEFGHIJKLMNOPQRSTUVWXY1</DbiResourceId>
                  <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:%1$s</DBInstanceArn>
                </DBInstance>
                """.formatted(INSTANCE, status, ENDPOINT,
                passwordPending ? "<MasterUserPassword>****</MasterUserPassword>" : "", publiclyAccessible);
    }
}
