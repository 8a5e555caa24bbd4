package dev.cutover.aws.acm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;

@WireMockTest
class AcmAdapterTest {

    private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/8f3c2d1e-4b5a-4c6d-9e8f-0a1b2c3d4e5f";
    private static final String OTHER_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-0000-4000-8000-000000000001";
    private static final String APEX_RECORD = "_3f1c0e9a8b7d6c5e4f3a2b1c0d9e8f7a.clearmyrecord.org.";
    private static final String APEX_VALUE = "_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d.jkddzztszm.acm-validations.aws.";
    private static final String WWW_RECORD = "_6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b.www.clearmyrecord.org.";
    private static final String WWW_VALUE = "_0f1e2d3c4b5a69788796a5b4c3d2e1f0.jkddzztszm.acm-validations.aws.";

    private AcmClient client;
    private AcmAdapter acm;

    @BeforeEach
    void acmOnWireMock(WireMockRuntimeInfo wireMock) {
        client = AwsClients.acm(Region.US_EAST_1, URI.create("http://127.0.0.1:" + wireMock.getHttpPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        acm = new AcmAdapter(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void requestsACertificateWithDnsValidationWhenNoneCoversTheNames() {
        stubFor(call("ListCertificates").willReturn(ok("""
                {"CertificateSummaryList": [%s]}
                """.formatted(summary(OTHER_ARN, "staging.clearmyrecord.org", "ISSUED")))));
        stubFor(call("RequestCertificate").willReturn(ok("{\"CertificateArn\": \"" + ARN + "\"}")));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, false))));

        Ensured<Certificate> result = acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"),
                "cutover_prod_certificate");

        verify(1, request("RequestCertificate")
                .withRequestBody(matchingJsonPath("$.DomainName", equalTo("clearmyrecord.org")))
                .withRequestBody(matchingJsonPath("$.SubjectAlternativeNames", equalToJson("[\"www.clearmyrecord.org\"]")))
                .withRequestBody(matchingJsonPath("$.ValidationMethod", equalTo("DNS")))
                .withRequestBody(matchingJsonPath("$.IdempotencyToken", equalTo("cutover_prod_certificate"))));
        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value().arn()).isEqualTo(ARN);
        assertThat(result.value().status()).isEqualTo("PENDING_VALIDATION");
        assertThat(result.value().validationRecords()).isEmpty();
    }

    @Test
    void listsOnlyIssuedAndPendingCertificatesOfEveryKeyTypeAcmIssues() {
        stubFor(call("ListCertificates").willReturn(ok("{\"CertificateSummaryList\": []}")));
        stubFor(call("RequestCertificate").willReturn(ok("{\"CertificateArn\": \"" + ARN + "\"}")));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, false))));

        acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"), "cutover_prod_certificate");

        verify(1, request("ListCertificates")
                .withRequestBody(matchingJsonPath("$.CertificateStatuses",
                        equalToJson("[\"PENDING_VALIDATION\", \"ISSUED\"]")))
                .withRequestBody(matchingJsonPath("$.Includes.keyTypes",
                        equalToJson("[\"RSA_2048\", \"EC_prime256v1\", \"EC_secp384r1\"]"))));
    }

    @Test
    void findsTheIssuedCertificateAndRequestsNone() {
        stubFor(call("ListCertificates").willReturn(ok("""
                {"CertificateSummaryList": [%s]}
                """.formatted(summary(ARN, "clearmyrecord.org", "ISSUED")))));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "ISSUED", null, true))));

        Ensured<Certificate> result = acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"),
                "cutover_prod_certificate");

        verify(0, request("RequestCertificate"));
        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().issued()).isTrue();
        assertThat(result.value().domain()).isEqualTo("clearmyrecord.org");
        assertThat(result.value().alternativeNames()).containsExactly("www.clearmyrecord.org");
    }

    @Test
    void looksOnEveryPageOfTheList() {
        stubFor(call("ListCertificates").withRequestBody(matchingJsonPath("$.NextToken", absent()))
                .willReturn(ok("""
                        {"CertificateSummaryList": [%s], "NextToken": "page-2"}
                        """.formatted(summary(OTHER_ARN, "staging.clearmyrecord.org", "ISSUED")))));
        stubFor(call("ListCertificates").withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2")))
                .willReturn(ok("""
                        {"CertificateSummaryList": [%s]}
                        """.formatted(summary(ARN, "clearmyrecord.org", "PENDING_VALIDATION")))));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, true))));

        Ensured<Certificate> result = acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"),
                "cutover_prod_certificate");

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().arn()).isEqualTo(ARN);
        verify(2, request("ListCertificates"));
        verify(0, request("RequestCertificate"));
    }

    @Test
    void requestsANewCertificateWhenTheExistingOneCoversOtherNames() {
        stubFor(call("ListCertificates").willReturn(ok("""
                {"CertificateSummaryList": [%s]}
                """.formatted(summary(OTHER_ARN, "clearmyrecord.org", "ISSUED")))));
        stubFor(describe(OTHER_ARN).willReturn(ok(detail(OTHER_ARN, "ISSUED", null, true)
                .replace("\"SubjectAlternativeNames\": [\"clearmyrecord.org\", \"www.clearmyrecord.org\"]",
                        "\"SubjectAlternativeNames\": [\"clearmyrecord.org\"]"))));
        stubFor(call("RequestCertificate").willReturn(ok("{\"CertificateArn\": \"" + ARN + "\"}")));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, false))));

        Ensured<Certificate> result = acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"),
                "cutover_prod_certificate");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        verify(1, request("RequestCertificate"));
    }

    @Test
    void leavesTheSubjectAlternativeNamesOutWhenTheDomainIsTheOnlyName() {
        stubFor(call("ListCertificates").willReturn(ok("{\"CertificateSummaryList\": []}")));
        stubFor(call("RequestCertificate").willReturn(ok("{\"CertificateArn\": \"" + ARN + "\"}")));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, false))));

        acm.ensureCertificate("clearmyrecord.org", List.of(), "cutover_apex");

        verify(1, request("RequestCertificate")
                .withRequestBody(matchingJsonPath("$.DomainName", equalTo("clearmyrecord.org")))
                .withRequestBody(matchingJsonPath("$.SubjectAlternativeNames", absent())));
    }

    @Test
    void sendsATokenAcmAcceptsWhateverTokenItIsGiven() {
        stubFor(call("ListCertificates").willReturn(ok("{\"CertificateSummaryList\": []}")));
        stubFor(call("RequestCertificate").willReturn(ok("{\"CertificateArn\": \"" + ARN + "\"}")));
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, false))));

        acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"),
                "run:cutover-2025-06-01/create-acm-certificates-for-prod");

        verify(1, request("RequestCertificate")
                .withRequestBody(matchingJsonPath("$.IdempotencyToken", equalTo(
                        AcmAdapter.idempotencyToken("run:cutover-2025-06-01/create-acm-certificates-for-prod")))));
        assertThat(AcmAdapter.idempotencyToken("run:cutover-2025-06-01/create-acm-certificates-for-prod"))
                .matches("\\w{1,32}")
                .startsWith("run_cutover_2025_06_01_")
                .isNotEqualTo(AcmAdapter.idempotencyToken("run:cutover-2025-06-01/create-acm-certificates-for-dev"));
    }

    @Test
    void showsNoValidationRecordsUntilAcmHasMadeThem() {
        stubFor(describe(ARN).inScenario("validation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, false)))
                .willSetStateTo("records made"));
        stubFor(describe(ARN).inScenario("validation").whenScenarioStateIs("records made")
                .willReturn(ok(detail(ARN, "PENDING_VALIDATION", null, true))));

        Certificate first = acm.certificate(ARN);
        Certificate second = acm.certificate(ARN);

        assertThat(first.validationRecords()).isEmpty();
        assertThat(second.validationRecords()).containsExactly(
                new Certificate.ValidationRecord("clearmyrecord.org", strip(APEX_RECORD), "CNAME", strip(APEX_VALUE),
                        "PENDING_VALIDATION"),
                new Certificate.ValidationRecord("www.clearmyrecord.org", strip(WWW_RECORD), "CNAME", strip(WWW_VALUE),
                        "PENDING_VALIDATION"));
    }

    @Test
    void reportsAFailedCertificateWithItsReason() {
        stubFor(describe(ARN).willReturn(ok(detail(ARN, "FAILED", "CAA_ERROR", true))));

        Certificate certificate = acm.certificate(ARN);

        assertThat(certificate.failed()).isTrue();
        assertThat(certificate.failureReason()).isEqualTo("CAA_ERROR");
    }

    @Test
    void failsTheStepForACertificateAcmDoesNotKnow() {
        stubFor(describe(ARN).willReturn(error("ResourceNotFoundException",
                "Could not find certificate " + ARN + ".")));

        assertThatThrownBy(() -> acm.certificate(ARN))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("'" + ARN + "'", "Could not find certificate");
    }

    @Test
    void failsTheStepWhenAcmRefusesTheRequest() {
        stubFor(call("ListCertificates").willReturn(ok("{\"CertificateSummaryList\": []}")));
        stubFor(call("RequestCertificate").willReturn(error("LimitExceededException",
                "Error: you have reached your limit of 2500 certificates in the last year.")));

        assertThatThrownBy(() -> acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"), "t1"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("clearmyrecord.org, www.clearmyrecord.org", "limit of 2500 certificates");
    }

    private static MappingBuilder call(String operation) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager." + operation))
                .withHeader("Content-Type", containing("application/x-amz-json-1.1"));
    }

    private static MappingBuilder describe(String arn) {
        return call("DescribeCertificate").withRequestBody(matchingJsonPath("$.CertificateArn", equalTo(arn)));
    }

    private static RequestPatternBuilder request(String operation) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager." + operation))
                .withHeader("Content-Type", containing("application/x-amz-json-1.1"));
    }

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json);
    }

    private static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"" + type + "\", \"message\": \"" + message + "\"}");
    }

    private static String summary(String arn, String domain, String status) {
        return """
                {
                  "CertificateArn": "%s",
                  "DomainName": "%s",
                  "SubjectAlternativeNameSummaries": ["%s"],
                  "HasAdditionalSubjectAlternativeNames": false,
                  "Status": "%s",
                  "Type": "AMAZON_ISSUED",
                  "KeyAlgorithm": "RSA-2048",
                  "InUse": false,
                  "RenewalEligibility": "INELIGIBLE",
                  "CreatedAt": 1748768400.0
                }
                """.formatted(arn, domain, domain, status);
    }

    private static String detail(String arn, String status, String failureReason, boolean withRecords) {
        String validation = status.equals("ISSUED") ? "SUCCESS" : status.equals("FAILED") ? "FAILED" : "PENDING_VALIDATION";
        return """
                {
                  "Certificate": {
                    "CertificateArn": "%s",
                    "DomainName": "clearmyrecord.org",
                    "SubjectAlternativeNames": ["clearmyrecord.org", "www.clearmyrecord.org"],
                    "DomainValidationOptions": [%s, %s],
                    "Status": "%s",
                    %s
                    "Type": "AMAZON_ISSUED",
                    "KeyAlgorithm": "RSA-2048",
                    "SignatureAlgorithm": "SHA256WITHRSA",
                    "InUseBy": [],
                    "CreatedAt": 1748768400.0,
                    "RenewalEligibility": "INELIGIBLE",
                    "Options": {"CertificateTransparencyLoggingPreference": "ENABLED"}
                  }
                }
                """.formatted(arn,
                validationOption("clearmyrecord.org", validation, withRecords ? APEX_RECORD : null, APEX_VALUE),
                validationOption("www.clearmyrecord.org", validation, withRecords ? WWW_RECORD : null, WWW_VALUE),
                status,
                failureReason == null ? "" : "\"FailureReason\": \"" + failureReason + "\",");
    }

    private static String validationOption(String domain, String status, String recordName, String recordValue) {
        String record = recordName == null ? "" : """
                , "ResourceRecord": {"Name": "%s", "Type": "CNAME", "Value": "%s"}""".formatted(recordName, recordValue);
        return """
                {"DomainName": "%s", "ValidationDomain": "%s", "ValidationStatus": "%s", "ValidationMethod": "DNS"%s}"""
                .formatted(domain, domain, status, record);
    }

    private static String strip(String name) {
        return name.substring(0, name.length() - 1);
    }
}
