package dev.cutover.aws.quotas;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

class ServiceQuotasAdapterTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .configureStaticDsl(true)
            .build();

    private static final String EC2 = ServiceQuotasPort.EC2;
    private static final String ELASTIC_IPS = ServiceQuotasPort.ELASTIC_IPS;
    private static final String REQUEST_ID = "d7f1e0c3a4b24c5d9e8f7a6b5c4d3e2f";

    private ServiceQuotasClient client;
    private ServiceQuotasAdapter quotas;

    @BeforeEach
    void serviceQuotasOnWireMock() {
        client = AwsClients.serviceQuotas(Region.US_EAST_1, URI.create("http://127.0.0.1:" + wireMock.getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        quotas = new ServiceQuotasAdapter(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void asksForNothingWhenTheQuotaIsAlreadyHighEnough() {
        stubFor(target("GetServiceQuota").willReturn(ok(quota(10))));

        Ensured<QuotaRequest> result = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().id()).isNull();
        assertThat(result.value().granted()).isTrue();
        verify(requested("GetServiceQuota")
                .withRequestBody(equalToJson("{\"ServiceCode\": \"ec2\", \"QuotaCode\": \"L-0263D0A3\"}", true, true)));
        verify(0, requested("RequestServiceQuotaIncrease"));
    }

    @Test
    void findsAnIncreaseAlreadyRequestedAndOpen() {
        stubFor(target("GetServiceQuota").willReturn(ok(quota(5))));
        stubFor(target("ListRequestedServiceQuotaChangeHistoryByQuota").willReturn(ok("""
                {"RequestedQuotas": [%s, %s]}
                """.formatted(change("0a1b2c3d4e5f40718293a4b5c6d7e8f9", 20, "DENIED"),
                change(REQUEST_ID, 10, "CASE_OPENED")))));

        Ensured<QuotaRequest> result = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10);

        assertThat(result).isEqualTo(new Ensured<>(Outcome.ALREADY_DONE,
                new QuotaRequest(REQUEST_ID, EC2, ELASTIC_IPS, 10, 5, "CASE_OPENED")));
        verify(requested("ListRequestedServiceQuotaChangeHistoryByQuota")
                .withRequestBody(equalToJson("{\"ServiceCode\": \"ec2\", \"QuotaCode\": \"L-0263D0A3\"}", true, true)));
        verify(0, requested("RequestServiceQuotaIncrease"));
    }

    @Test
    void requestsAnIncreaseWhenNoneIsOpen() {
        stubFor(target("GetServiceQuota").willReturn(ok(quota(5))));
        stubFor(target("ListRequestedServiceQuotaChangeHistoryByQuota").willReturn(ok("""
                {"RequestedQuotas": [%s]}
                """.formatted(change("0a1b2c3d4e5f40718293a4b5c6d7e8f9", 20, "DENIED")))));
        stubFor(target("RequestServiceQuotaIncrease").willReturn(ok("""
                {"RequestedQuota": %s}
                """.formatted(change(REQUEST_ID, 10, "PENDING")))));

        Ensured<QuotaRequest> result = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10);

        assertThat(result).isEqualTo(new Ensured<>(Outcome.CHANGED,
                new QuotaRequest(REQUEST_ID, EC2, ELASTIC_IPS, 10, 5, "PENDING")));
        verify(1, requested("RequestServiceQuotaIncrease").withRequestBody(equalToJson(
                "{\"ServiceCode\": \"ec2\", \"QuotaCode\": \"L-0263D0A3\", \"DesiredValue\": 10.0}", true, true)));
    }

    @Test
    void readsTheAwsDefaultWhenNoValueWasEverApplied() {
        stubFor(target("GetServiceQuota").willReturn(error("NoSuchResourceException",
                "The request failed because the specified service or quota does not exist.")));
        stubFor(target("GetAWSDefaultServiceQuota").willReturn(ok(quota(5))));
        stubFor(target("ListRequestedServiceQuotaChangeHistoryByQuota").willReturn(ok("{\"RequestedQuotas\": []}")));
        stubFor(target("RequestServiceQuotaIncrease").willReturn(ok("""
                {"RequestedQuota": %s}
                """.formatted(change(REQUEST_ID, 10, "PENDING")))));

        Ensured<QuotaRequest> result = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10);

        assertThat(result.value().currentValue()).isEqualTo(5);
        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
    }

    @Test
    void refusesToAskWhileASmallerIncreaseIsStillOpen() {
        stubFor(target("GetServiceQuota").willReturn(ok(quota(5))));
        stubFor(target("ListRequestedServiceQuotaChangeHistoryByQuota").willReturn(ok("""
                {"RequestedQuotas": [%s]}
                """.formatted(change(REQUEST_ID, 8, "PENDING")))));

        assertThatThrownBy(() -> quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("ec2/L-0263D0A3", REQUEST_ID, "8.0", "10.0");
        verify(0, requested("RequestServiceQuotaIncrease"));
    }

    @Test
    void passesOnWhatServiceQuotasSaysWhenItRefusesTheIncrease() {
        stubFor(target("GetServiceQuota").willReturn(ok(quota(5))));
        stubFor(target("ListRequestedServiceQuotaChangeHistoryByQuota").willReturn(ok("{\"RequestedQuotas\": []}")));
        stubFor(target("RequestServiceQuotaIncrease").willReturn(error("QuotaExceededException",
                "You have exceeded your service quota. The desired value is greater than the maximum allowed value.")));

        assertThatThrownBy(() -> quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10_000))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("ec2/L-0263D0A3", "greater than the maximum allowed value");
    }

    @Test
    void followsARequestFromPendingToApprovedAndSeesTheNewValue() {
        stubFor(target("GetRequestedServiceQuotaChange").inScenario("case").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"RequestedQuota\": " + change(REQUEST_ID, 10, "PENDING") + "}")));
        stubFor(target("GetServiceQuota").inScenario("case").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(quota(5))).willSetStateTo("case opened"));
        stubFor(target("GetRequestedServiceQuotaChange").inScenario("case").whenScenarioStateIs("case opened")
                .willReturn(ok("{\"RequestedQuota\": " + change(REQUEST_ID, 10, "CASE_OPENED") + "}")));
        stubFor(target("GetServiceQuota").inScenario("case").whenScenarioStateIs("case opened")
                .willReturn(ok(quota(5))).willSetStateTo("approved"));
        stubFor(target("GetRequestedServiceQuotaChange").inScenario("case").whenScenarioStateIs("approved")
                .willReturn(ok("{\"RequestedQuota\": " + change(REQUEST_ID, 10, "APPROVED") + "}")));
        stubFor(target("GetServiceQuota").inScenario("case").whenScenarioStateIs("approved")
                .willReturn(ok(quota(10))));

        var polls = Stream.generate(() -> quotas.quotaRequest(REQUEST_ID)).limit(3).toList();

        assertThat(polls).extracting(QuotaRequest::status, QuotaRequest::currentValue, QuotaRequest::granted)
                .containsExactly(
                        tuple("PENDING", 5.0, false),
                        tuple("CASE_OPENED", 5.0, false),
                        tuple("APPROVED", 10.0, true));
        verify(3, requested("GetRequestedServiceQuotaChange")
                .withRequestBody(equalToJson("{\"RequestId\": \"" + REQUEST_ID + "\"}")));
    }

    @Test
    void seesADeniedRequestAsRefused() {
        stubFor(target("GetRequestedServiceQuotaChange")
                .willReturn(ok("{\"RequestedQuota\": " + change(REQUEST_ID, 10, "DENIED") + "}")));
        stubFor(target("GetServiceQuota").willReturn(ok(quota(5))));

        QuotaRequest request = quotas.quotaRequest(REQUEST_ID);

        assertThat(request.refused()).isTrue();
        assertThat(request.granted()).isFalse();
    }

    private static MappingBuilder target(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("ServiceQuotasV20190624." + operation));
    }

    private static RequestPatternBuilder requested(String operation) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ServiceQuotasV20190624." + operation))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"));
    }

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json);
    }

    private static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "c3d4e5f6-0000-4000-8000-000000000001")
                .withBody("{\"__type\": \"" + type + "\", \"Message\": \"" + message + "\"}");
    }

    private static String quota(double value) {
        return """
                {"Quota": {
                  "ServiceCode": "ec2",
                  "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
                  "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:ec2/L-0263D0A3",
                  "QuotaCode": "L-0263D0A3",
                  "QuotaName": "EC2-VPC Elastic IPs",
                  "Value": %s,
                  "Unit": "None",
                  "Adjustable": true,
                  "GlobalQuota": false
                }}
                """.formatted(value);
    }

    private static String change(String id, double desired, String status) {
        return """
                {
                  "Id": "%s",
                  "CaseId": "%s",
                  "ServiceCode": "ec2",
                  "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
                  "QuotaCode": "L-0263D0A3",
                  "QuotaName": "EC2-VPC Elastic IPs",
                  "DesiredValue": %s,
                  "Status": "%s",
                  "Created": 1748779200.0,
                  "LastUpdated": 1748782800.0,
                  "Requester": "{\\"accountId\\":\\"123456789012\\",\\"callerArn\\":\\"arn:aws:iam::123456789012:user/cutover\\"}",
                  "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:ec2/L-0263D0A3",
                  "GlobalQuota": false,
                  "Unit": "None"
                }
                """.formatted(id, "PENDING".equals(status) ? "" : "171234567800001", desired, status);
    }
}
