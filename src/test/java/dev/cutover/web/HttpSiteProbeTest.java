package dev.cutover.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One look at a site, against answers shaped like API Gateway's, Heroku's and CloudFront's. */
class HttpSiteProbeTest {

    private static final String HEALTH = "/health/";

    @RegisterExtension
    static final WireMockExtension site = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final HttpSiteProbe probe = new HttpSiteProbe();

    @Test
    void anAnswerFromApiGatewayBehindCloudFrontIsServedByLambda() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("x-amzn-RequestId", "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b")
                .withHeader("x-amz-apigw-id", "Jt0aQFmLoAMF3xA=")
                .withHeader("X-Amzn-Trace-Id", "Root=1-67a1b2c3-0a1b2c3d4e5f6a7b8c9d0e1f;Sampled=0")
                .withHeader("X-Cache", "Miss from cloudfront")
                .withHeader("Via", "1.1 9d2f4e6a8b0c1d3e5f7a9b1c3d5e7f9a.cloudfront.net (CloudFront)")
                .withHeader("X-Amz-Cf-Pop", "SFO53-P2")
                .withBody("ok")));

        SiteAnswer answer = probe.probe(url(HEALTH));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.ok()).isTrue();
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.LAMBDA);
        assertThat(answer.bodyStart()).isEqualTo("ok");
        assertThat(answer.error()).isNull();
        site.verify(getRequestedFor(urlEqualTo(HEALTH)).withHeader("User-Agent", equalTo("Cutover site probe")));
    }

    @Test
    void anAnswerThroughHerokusRouterIsServedByHeroku() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200)
                .withHeader("Server", "gunicorn")
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Via", "1.1 vegur")
                .withBody("ok")));

        SiteAnswer answer = probe.probe(url(HEALTH));

        assertThat(answer.ok()).isTrue();
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.HEROKU);
    }

    @Test
    void herokusRouter2IsRecognisedToo_evenBehindAnotherProxy() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200)
                .withHeader("Server", "cloudflare")
                .withHeader("Via", "2.0 heroku-router, 1.1 varnish")
                .withBody("ok")));

        assertThat(probe.probe(url(HEALTH)).servedBy()).isEqualTo(SiteAnswer.HEROKU);
    }

    @Test
    void cloudFrontAloneSaysNothingOfWhatIsBehindIt() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(403)
                .withHeader("Server", "CloudFront")
                .withHeader("Content-Type", "text/html")
                .withHeader("X-Cache", "Error from cloudfront")
                .withHeader("Via", "1.1 9d2f4e6a8b0c1d3e5f7a9b1c3d5e7f9a.cloudfront.net (CloudFront)")
                .withHeader("X-Amz-Cf-Id", "d3V6x8b1Qk2mZ0yT7rN4pL9sA5hE6gJ1cW8fK3uB0oI2vY7nM4xR==")
                .withBody("<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD>"
                        + "<BODY><H1>403 ERROR</H1></BODY></HTML>")));

        SiteAnswer answer = probe.probe(url(HEALTH));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.ok()).isFalse();
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.UNKNOWN);
        assertThat(answer.bodyStart()).contains("The request could not be satisfied");
    }

    @Test
    void anAnswerWithoutAPlatformsHeadersIsUnknown() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200).withHeader("Server", "nginx").withBody("ok")));

        assertThat(probe.probe(url(HEALTH)).servedBy()).isEqualTo(SiteAnswer.UNKNOWN);
    }

    @Test
    void herokusMaintenancePageIsA503ServedByHeroku() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(503)
                .withHeader("Server", "Cowboy")
                .withHeader("Via", "1.1 vegur")
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html>\n<html>\n<head>\n<title>Offline for Maintenance</title>\n</head>\n"
                        + "<body><iframe src=\"//www.herokucdn.com/error-pages/offline.html\"></iframe></body>\n</html>")));

        SiteAnswer answer = probe.probe(url(HEALTH));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.ok()).isFalse();
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.HEROKU);
        assertThat(answer.bodyStart()).contains("Offline for Maintenance");
        assertThat(answer.error()).isNull();
    }

    @Test
    void aRedirectIsReported_notFollowed() {
        site.stubFor(get("/health").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/health/")
                .withHeader("Via", "1.1 vegur")));
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200).withBody("ok")));

        SiteAnswer answer = probe.probe(url("/health"));

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.ok()).isFalse();
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.HEROKU);
        site.verify(0, getRequestedFor(urlEqualTo(HEALTH)));
    }

    @Test
    void onlyTheStartOfALongBodyIsKept() {
        site.stubFor(get("/").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<p>Réponse</p>" + "x".repeat(10_000))));

        SiteAnswer answer = probe.probe(url("/"));

        assertThat(answer.bodyStart()).hasSize(HttpSiteProbe.BODY_START_CHARS).startsWith("<p>Réponse</p>xxx");
    }

    @Test
    void aRefusedConnectionIsStatusZeroWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closed + HEALTH);

        SiteAnswer answer = probe.probe(nobody);

        assertThat(answer.status()).isZero();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.servedBy()).isEqualTo(SiteAnswer.UNKNOWN);
        assertThat(answer.bodyStart()).isEmpty();
        assertThat(answer.error()).isEqualTo("connection to 127.0.0.1:" + closed + " refused");
        assertThat(answer.url()).isEqualTo(nobody);
    }

    @Test
    void aSiteTooSlowToAnswerIsStatusZeroWithATimeout() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody("ok")));
        HttpSiteProbe impatient = new HttpSiteProbe(Duration.ofSeconds(1), Duration.ofMillis(300));

        SiteAnswer answer = impatient.probe(url(HEALTH));

        assertThat(answer.status()).isZero();
        assertThat(answer.error()).isEqualTo("127.0.0.1:" + site.getPort() + " did not answer within 300 ms");
    }

    @Test
    void aBodyThatTricklesInPastTheTimeoutIsStatusZeroWithATimeout() {
        site.stubFor(get(HEALTH).willReturn(aResponse().withStatus(200).withBody("ok, eventually")
                .withChunkedDribbleDelay(5, 1500)));
        HttpSiteProbe impatient = new HttpSiteProbe(Duration.ofSeconds(1), Duration.ofMillis(300));

        SiteAnswer answer = impatient.probe(url(HEALTH));

        assertThat(answer.status()).isZero();
        assertThat(answer.error()).isEqualTo("127.0.0.1:" + site.getPort() + " did not answer within 300 ms");
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + site.getPort() + path);
    }
}
