package dev.cutover.aws.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The redirect bucket, on the wire: S3Proxy has no bucket websites, so S3's REST-XML comes from WireMock. */
class S3AdapterWebsiteTest {

    private static final String BUCKET = "clearmyrecord.org";
    private static final String WWW = "www.clearmyrecord.org";
    private static final String OLD = "clearmyrecord.codeforamerica.org";
    private static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final Map<String, String> NS = Map.of("s3", S3_NS);

    @RegisterExtension
    static final WireMockExtension s3Api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private S3Client s3;

    @AfterEach
    void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void createsTheMissingBucketInUsEast1WithoutALocationConstraint_andRedirectsItsWebsiteToWww() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);
        givenNoBucket();
        givenBucketCreated();
        givenWebsiteBeforeAndAfter(noWebsite(), redirectingTo(WWW, "https"));
        givenWebsitePutAccepted();

        Ensured<String> result = adapter.ensureRedirectBucket(BUCKET, WWW, "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value()).isEqualTo("clearmyrecord.org.s3-website-us-east-1.amazonaws.com");
        s3Api.verify(putRequestedFor(urlEqualTo("/" + BUCKET))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/s3/.*"))
                .withRequestBody(notContaining("CreateBucketConfiguration")));
        s3Api.verify(putRequestedFor(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*"))
                .withHeader("Content-Type", equalTo("application/xml"))
                .withHeader("x-amz-checksum-crc32", matching(".+"))
                .withRequestBody(xml("/s3:WebsiteConfiguration/s3:RedirectAllRequestsTo/s3:HostName/text()", WWW))
                .withRequestBody(xml("/s3:WebsiteConfiguration/s3:RedirectAllRequestsTo/s3:Protocol/text()", "https")));
    }

    @Test
    void createsTheBucketWithItsRegionAsLocationConstraintOutsideUsEast1() {
        S3Adapter adapter = adapterIn(Region.EU_CENTRAL_1);
        givenNoBucket();
        givenBucketCreated();
        givenWebsiteBeforeAndAfter(noWebsite(), redirectingTo(WWW, "https"));
        givenWebsitePutAccepted();

        Ensured<String> result = adapter.ensureRedirectBucket(BUCKET, WWW, "https");

        assertThat(result.value()).isEqualTo("clearmyrecord.org.s3-website.eu-central-1.amazonaws.com");
        s3Api.verify(putRequestedFor(urlEqualTo("/" + BUCKET))
                .withRequestBody(xml("/s3:CreateBucketConfiguration/s3:LocationConstraint/text()", "eu-central-1")));
    }

    @Test
    void leavesABucketAlreadyRedirectingToWwwUntouched() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);
        givenBucketIn("us-east-1");
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .willReturn(redirectingTo("WWW.clearmyrecord.org", "https")));

        Ensured<String> result = adapter.ensureRedirectBucket(BUCKET, WWW, "https");

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value()).isEqualTo("clearmyrecord.org.s3-website-us-east-1.amazonaws.com");
        s3Api.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void repointsABucketThatRedirectsElsewhere_asARollbackToTheOldDomainDoes() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);
        givenBucketIn("us-east-1");
        givenWebsiteBeforeAndAfter(redirectingTo(WWW, "https"), redirectingTo(OLD, "https"));
        givenWebsitePutAccepted();

        Ensured<String> result = adapter.ensureRedirectBucket(BUCKET, OLD, "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        s3Api.verify(1, putRequestedFor(anyUrl()));
        s3Api.verify(putRequestedFor(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .withRequestBody(xml("/s3:WebsiteConfiguration/s3:RedirectAllRequestsTo/s3:HostName/text()", OLD)));
    }

    @Test
    void aRedirectWithoutProtocolIsMadeExplicit() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);
        givenBucketIn("us-east-1");
        givenWebsiteBeforeAndAfter(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody(websiteXml("<RedirectAllRequestsTo><HostName>" + WWW + "</HostName></RedirectAllRequestsTo>")),
                redirectingTo(WWW, "https"));
        givenWebsitePutAccepted();

        Ensured<String> result = adapter.ensureRedirectBucket(BUCKET, WWW, "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
    }

    @Test
    void namesTheBucketWhenAnotherAccountOwnsTheName() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);
        s3Api.stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(403)
                .withHeader("x-amz-request-id", "4442587FB7D0A2F9")));

        assertThatThrownBy(() -> adapter.ensureRedirectBucket(BUCKET, WWW, "https"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("S3 bucket 'clearmyrecord.org'")
                .hasMessageContaining("403 Forbidden");
        s3Api.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aServerErrorOnTheWebsiteIsLeftToTheEnginesRetries() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);
        givenBucketIn("us-east-1");
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .willReturn(noWebsite()));
        s3Api.stubFor(put(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .willReturn(error(500, "InternalError", "We encountered an internal error. Please try again.")));

        assertThatThrownBy(() -> adapter.ensureRedirectBucket(BUCKET, WWW, "https"))
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("We encountered an internal error");
    }

    @Test
    void refusesAProtocolOtherThanHttpOrHttps() {
        S3Adapter adapter = adapterIn(Region.US_EAST_1);

        assertThatThrownBy(() -> adapter.ensureRedirectBucket(BUCKET, WWW, "ftp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be https or http");
        s3Api.verify(0, anyRequestedFor(anyUrl()));
    }

    private S3Adapter adapterIn(Region region) {
        s3 = AwsClients.s3(region, URI.create("http://127.0.0.1:" + s3Api.getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")));
        return new S3Adapter(s3);
    }

    private void givenNoBucket() {
        s3Api.stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(404)
                .withHeader("x-amz-request-id", "0A49CE4060975EAC")));
    }

    private void givenBucketIn(String region) {
        s3Api.stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(200)
                .withHeader("x-amz-bucket-region", region)
                .withHeader("x-amz-request-id", "0A49CE4060975EAC")
                .withHeader("Content-Type", "application/xml")));
    }

    private void givenBucketCreated() {
        s3Api.stubFor(put(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(200)
                .withHeader("Location", "/" + BUCKET)
                .withHeader("x-amz-request-id", "236A8905248E5A01")));
    }

    private void givenWebsitePutAccepted() {
        s3Api.stubFor(put(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .inScenario("website").willSetStateTo("configured")
                .willReturn(aResponse().withStatus(200).withHeader("x-amz-request-id", "80CD4368BD211111")));
    }

    private void givenWebsiteBeforeAndAfter(
            ResponseDefinitionBuilder before,
            ResponseDefinitionBuilder after) {
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .inScenario("website").whenScenarioStateIs(Scenario.STARTED).willReturn(before));
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("website", equalTo(""))
                .inScenario("website").whenScenarioStateIs("configured").willReturn(after));
    }

    private static ResponseDefinitionBuilder noWebsite() {
        return error(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration");
    }

    private static ResponseDefinitionBuilder redirectingTo(
            String hostName, String protocol) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "7E3B2A33A2C5B2F0")
                .withBody(websiteXml("<RedirectAllRequestsTo><HostName>" + hostName + "</HostName><Protocol>"
                        + protocol + "</Protocol></RedirectAllRequestsTo>"));
    }

    private static String websiteXml(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<WebsiteConfiguration xmlns=\"" + S3_NS + "\">"
                + inner + "</WebsiteConfiguration>";
    }

    private static ResponseDefinitionBuilder error(
            int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "5B7F2E6D4C3A2B1C")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + message + "</Message><BucketName>" + BUCKET + "</BucketName>"
                        + "<RequestId>5B7F2E6D4C3A2B1C</RequestId><HostId>x8ZL6p0ZxUqGJg==</HostId></Error>");
    }

    private static MatchesXPathPattern xml(String xpath, String value) {
        return new MatchesXPathPattern(xpath, NS, equalTo(value));
    }
}
