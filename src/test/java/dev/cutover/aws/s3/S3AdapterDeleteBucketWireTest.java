package dev.cutover.aws.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deleting the old media bucket, on the wire: what DeleteObjects sends for a versioned bucket, and
 * what S3 answers that S3Proxy cannot (per-key errors, 403s).
 */
class S3AdapterDeleteBucketWireTest {

    private static final String BUCKET = "clearmyrecord-media-heroku";
    private static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final Map<String, String> NS = Map.of("s3", S3_NS);
    private static final String SCAN = "uploads/scans/2019/scan-00097.pdf";
    private static final String PETITION = "petitions/2019/petition-00001.pdf";

    @RegisterExtension
    static final WireMockExtension s3Api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private S3Client s3;
    private S3Adapter adapter;

    @BeforeEach
    void adapterOnWireMock() {
        s3 = AwsClients.s3(Region.US_EAST_1, URI.create("http://127.0.0.1:" + s3Api.getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")));
        adapter = new S3Adapter(s3);
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    @Test
    void inAVersionedBucket_deletesEachVersionAndDeleteMarkerByItsVersionId_notQuietly() {
        givenBucket();
        givenVersioning("<Status>Suspended</Status>");
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("versions", equalTo(""))
                .inScenario("emptying").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(xmlAnswer("ListVersionsResult", """
                        <Name>%s</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker>
                        <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                        <Version><Key>%s</Key><VersionId>3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY</VersionId>
                          <IsLatest>true</IsLatest><LastModified>2019-10-12T17:50:30.000Z</LastModified>
                          <ETag>"fba9dede5f27731c9771645a39863328"</ETag><Size>434234</Size>
                          <StorageClass>STANDARD</StorageClass></Version>
                        <Version><Key>%s</Key><VersionId>QUpfdndhfd8438MNFDN93jdnJFkdmqnh893</VersionId>
                          <IsLatest>false</IsLatest><LastModified>2019-10-10T17:50:30.000Z</LastModified>
                          <ETag>"9b2cf535f27731c974343645a3985328"</ETag><Size>166434</Size>
                          <StorageClass>STANDARD</StorageClass></Version>
                        <DeleteMarker><Key>%s</Key><VersionId>03jpff543dhffds434rfdsFDN943fdsFkdmqnh892</VersionId>
                          <IsLatest>true</IsLatest><LastModified>2020-01-02T09:00:00.000Z</LastModified></DeleteMarker>
                        """.formatted(BUCKET, PETITION, PETITION, SCAN))));
        s3Api.stubFor(post(urlPathEqualTo("/" + BUCKET)).withQueryParam("delete", equalTo(""))
                .inScenario("emptying").willSetStateTo("empty")
                .willReturn(xmlAnswer("DeleteResult", """
                        <Deleted><Key>%s</Key><VersionId>3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY</VersionId></Deleted>
                        <Deleted><Key>%s</Key><VersionId>QUpfdndhfd8438MNFDN93jdnJFkdmqnh893</VersionId></Deleted>
                        <Deleted><Key>%s</Key><VersionId>03jpff543dhffds434rfdsFDN943fdsFkdmqnh892</VersionId>
                          <DeleteMarker>true</DeleteMarker>
                          <DeleteMarkerVersionId>03jpff543dhffds434rfdsFDN943fdsFkdmqnh892</DeleteMarkerVersionId></Deleted>
                        """.formatted(PETITION, PETITION, SCAN))));
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("versions", equalTo(""))
                .inScenario("emptying").whenScenarioStateIs("empty")
                .willReturn(xmlAnswer("ListVersionsResult", """
                        <Name>%s</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                        """.formatted(BUCKET))));
        givenBucketDeleted();

        Ensured<Long> result = adapter.ensureBucketDeleted(BUCKET);

        assertThat(result).isEqualTo(Ensured.changed(3L));
        s3Api.verify(1, postRequestedFor(urlPathEqualTo("/" + BUCKET)).withQueryParam("delete", equalTo(""))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/s3/.*"))
                .withHeader("x-amz-checksum-crc32", matching(".+"))
                .withRequestBody(xml("/s3:Delete/s3:Quiet/text()", "false"))
                .withRequestBody(xml("count(/s3:Delete/s3:Object)", "3"))
                .withRequestBody(xml("/s3:Delete/s3:Object[1]/s3:Key/text()", PETITION))
                .withRequestBody(xml("/s3:Delete/s3:Object[1]/s3:VersionId/text()", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"))
                .withRequestBody(xml("/s3:Delete/s3:Object[3]/s3:Key/text()", SCAN))
                .withRequestBody(xml("/s3:Delete/s3:Object[3]/s3:VersionId/text()",
                        "03jpff543dhffds434rfdsFDN943fdsFkdmqnh892")));
        s3Api.verify(1, deleteRequestedFor(urlEqualTo("/" + BUCKET)));
    }

    @Test
    void keysS3RefusesToDelete_failTheStepNamingTheFirstKeysAndCodes_andTheBucketStays() {
        givenBucket();
        givenVersioning("");
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("list-type", equalTo("2"))
                .willReturn(xmlAnswer("ListBucketResult", """
                        <Name>%s</Name><Prefix></Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>
                        <IsTruncated>false</IsTruncated>
                        <Contents><Key>%s</Key><LastModified>2019-10-12T17:50:30.000Z</LastModified>
                          <ETag>"fba9dede5f27731c9771645a39863328"</ETag><Size>434234</Size>
                          <StorageClass>STANDARD</StorageClass></Contents>
                        <Contents><Key>%s</Key><LastModified>2019-10-12T17:50:30.000Z</LastModified>
                          <ETag>"9b2cf535f27731c974343645a3985328"</ETag><Size>9434234</Size>
                          <StorageClass>STANDARD</StorageClass></Contents>
                        <Contents><Key>uploads/photos/2018/id-00011.jpg</Key>
                          <LastModified>2018-10-12T17:50:30.000Z</LastModified>
                          <ETag>"1b2cf535f27731c974343645a3985321"</ETag><Size>334234</Size>
                          <StorageClass>STANDARD</StorageClass></Contents>
                        """.formatted(BUCKET, PETITION, SCAN))));
        s3Api.stubFor(post(urlPathEqualTo("/" + BUCKET)).withQueryParam("delete", equalTo(""))
                .willReturn(xmlAnswer("DeleteResult", """
                        <Deleted><Key>%s</Key></Deleted>
                        <Error><Key>%s</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
                        <Error><Key>uploads/photos/2018/id-00011.jpg</Key><Code>InvalidRequest</Code>
                          <Message>Object is WORM protected and cannot be overwritten</Message></Error>
                        """.formatted(PETITION, SCAN))));

        assertThatThrownBy(() -> adapter.ensureBucketDeleted(BUCKET))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("refused to delete 2 of 3 objects in bucket '" + BUCKET + "'",
                        "'" + SCAN + "' (AccessDenied", "'uploads/photos/2018/id-00011.jpg' (InvalidRequest",
                        "1 deleted so far");
        s3Api.verify(postRequestedFor(urlPathEqualTo("/" + BUCKET)).withQueryParam("delete", equalTo(""))
                .withRequestBody(xml("/s3:Delete/s3:Quiet/text()", "false"))
                .withRequestBody(xml("count(/s3:Delete/s3:Object/s3:VersionId)", "0")));
        s3Api.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aBucketThatRefusesUs_failsTheStepSayingWhy() {
        s3Api.stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(403)
                .withHeader("x-amz-request-id", "4442587FB7D0A2F9")));

        assertThatThrownBy(() -> adapter.ensureBucketDeleted(BUCKET))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("'" + BUCKET + "'", "403 Forbidden", "another AWS account owns the name");
        s3Api.verify(0, postRequestedFor(anyUrl()));
        s3Api.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void accessDeniedOnDeletingTheBucket_failsTheStep() {
        givenBucket();
        givenVersioning("");
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("list-type", equalTo("2"))
                .willReturn(xmlAnswer("ListBucketResult", """
                        <Name>%s</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys>
                        <IsTruncated>false</IsTruncated>
                        """.formatted(BUCKET))));
        s3Api.stubFor(delete(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                        + "<Message>Access Denied</Message><RequestId>5B7F2E6D4C3A2B1C</RequestId></Error>")));

        assertThatThrownBy(() -> adapter.ensureBucketDeleted(BUCKET))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("'" + BUCKET + "'", "403 AccessDenied", "cannot delete the bucket");
    }

    private void givenBucket() {
        s3Api.stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(200)
                .withHeader("x-amz-bucket-region", "us-east-1")
                .withHeader("x-amz-request-id", "0A49CE4060975EAC")));
    }

    private void givenVersioning(String status) {
        s3Api.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("versioning", equalTo(""))
                .willReturn(xmlAnswer("VersioningConfiguration", status)));
    }

    private void givenBucketDeleted() {
        s3Api.stubFor(delete(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(204)
                .withHeader("x-amz-request-id", "32FE2CEB32F5EE25")));
    }

    private static ResponseDefinitionBuilder xmlAnswer(String root, String inner) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "7E3B2A33A2C5B2F0")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + S3_NS + "\">"
                        + inner + "</" + root + ">");
    }

    private static MatchesXPathPattern xml(String xpath, String value) {
        return new MatchesXPathPattern(xpath, NS, equalTo(value));
    }
}
