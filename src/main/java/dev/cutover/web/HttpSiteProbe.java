package dev.cutover.web;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link SiteProbe} over real HTTP, in rehearsal and live alike: one GET, no redirect followed (a
 * 3xx is the answer), and the platform told apart by the headers its edge adds. API Gateway (and so
 * a Zappa deployment) answers with {@code x-amzn-RequestId}, {@code x-amz-apigw-id} or
 * {@code X-Amzn-Trace-Id}, also behind CloudFront; Heroku's legacy router adds {@code Via: 1.1 vegur},
 * Router 2.0 {@code Via: 1.1 heroku-router} (or {@code 2.0 …} over HTTP/2) and {@code Server: Heroku}.
 * CloudFront alone says nothing of what stands behind it.
 */
@Component
class HttpSiteProbe implements SiteProbe {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int BODY_START_CHARS = 300;

    private static final String USER_AGENT = "Cutover site probe";
    // enough bytes for BODY_START_CHARS characters in any UTF-8 text
    private static final int BODY_BYTES_READ = BODY_START_CHARS * 4;
    private static final List<String> LAMBDA_HEADERS = List.of("x-amzn-RequestId", "x-amz-apigw-id", "x-amzn-trace-id");
    private static final Pattern HEROKU_VIA = Pattern.compile("(^|,)\\s*[\\w/.]+\\s+(vegur|heroku-router)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    @Autowired
    HttpSiteProbe() {
        this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    HttpSiteProbe(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public SiteAnswer probe(URI url) {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("a site is probed at an http(s) URL, not '" + url + "'");
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8")
                .build();
        CompletableFuture<HttpResponse<byte[]>> sent =
                http.sendAsync(request, info -> new FirstBytes(BODY_BYTES_READ));
        try {
            // one deadline for the headers and the body: the client's own timeout stops at the headers
            HttpResponse<byte[]> response = sent.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new SiteAnswer(url, response.statusCode(), servedBy(response.headers()),
                    bodyStart(response.body(), response.headers()), null);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return nothing(url, "interrupted before " + url.getHost() + " answered");
        } catch (TimeoutException e) {
            sent.cancel(true);
            return nothing(url, where(url) + " did not answer within " + shown(requestTimeout));
        } catch (ExecutionException e) {
            return nothing(url, describe(url, e.getCause()));
        }
    }

    static String servedBy(HttpHeaders headers) {
        if (LAMBDA_HEADERS.stream().anyMatch(name -> headers.firstValue(name).isPresent())) {
            return SiteAnswer.LAMBDA;
        }
        boolean herokuRouter = headers.allValues("Via").stream().anyMatch(via -> HEROKU_VIA.matcher(via).find());
        boolean herokuServer = headers.allValues("Server").stream().anyMatch(server -> server.strip().equalsIgnoreCase("heroku"));
        return herokuRouter || herokuServer ? SiteAnswer.HEROKU : SiteAnswer.UNKNOWN;
    }

    private static String bodyStart(byte[] bytes, HttpHeaders headers) {
        String text = new String(bytes, charset(headers));
        return text.length() <= BODY_START_CHARS ? text : text.substring(0, BODY_START_CHARS);
    }

    private static Charset charset(HttpHeaders headers) {
        Matcher matcher = CHARSET.matcher(headers.firstValue("Content-Type").orElse(""));
        if (matcher.find()) {
            try {
                return Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private String describe(URI url, Throwable e) {
        String where = where(url);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + where + " within " + shown(connectTimeout);
        }
        if (e instanceof HttpTimeoutException) {
            return where + " did not answer within " + shown(requestTimeout);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "connection to " + where + " refused";
        }
        if (e instanceof UnknownHostException || e.getCause() instanceof UnknownHostException) {
            return "no such host: " + url.getHost();
        }
        if (e instanceof SSLException) {
            return "TLS with " + where + " failed: " + detail;
        }
        return "no answer from " + where + ": " + e.getClass().getSimpleName() + " " + detail;
    }

    private static String where(URI url) {
        return url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    private static String shown(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static SiteAnswer nothing(URI url, String error) {
        return new SiteAnswer(url, 0, SiteAnswer.UNKNOWN, "", error);
    }

    /** Keeps the first bytes of a body and lets the rest go, so a huge or endless body costs nothing. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[Math.min(buffer.remaining(), limit - kept.size())];
                buffer.get(chunk);
                kept.write(chunk, 0, chunk.length);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }
    }
}
