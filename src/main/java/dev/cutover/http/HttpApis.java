package dev.cutover.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.BiFunction;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ExchangeFunction;
import org.springframework.web.client.RestClientException;

/**
 * The HTTP plumbing the service adapters share: a JDK client on HTTP/1.1 with a 10 s connect
 * timeout and, unless an adapter asks otherwise, a 30 s read timeout; and one translation of a
 * service that does not answer, or whose answer cannot be read, into the adapter's retryable
 * exception.
 */
public final class HttpApis {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private HttpApis() {}

    /** A builder for the API at {@code baseUrl}; the adapter adds its own default headers and auth. */
    public static RestClient.Builder restClient(URI baseUrl) {
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requestFactory(READ_TIMEOUT));
    }

    /** The request factory of {@link #restClient(URI)}, for an API that needs longer than 30 s to answer. */
    public static ClientHttpRequestFactory requestFactory(Duration readTimeout) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                // the JDK client's h2c upgrade on plain http drops request bodies (and the proxy in front of
                // AWX wants none); https negotiates anyway
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(readTimeout);
        return requestFactory;
    }

    /**
     * Sends {@code request} and reads its answer with {@code read}. No answer becomes
     * {@code "<doing>: <service> did not answer: …"}, an answer that cannot be read
     * {@code "<doing>: <service>'s answer could not be read: …"}, each made into the exception
     * {@code unavailable} builds. The exception's own message is part of both, so a service whose
     * answers may hold secrets must not use this.
     */
    public static <T> T exchange(String doing, String service, RequestHeadersSpec<?> request,
            ExchangeFunction<T> read, BiFunction<String, ? super RestClientException, ? extends RuntimeException>
                    unavailable) {
        try {
            return request.exchange(read);
        } catch (ResourceAccessException e) {
            throw unavailable.apply(doing + ": " + service + " did not answer: " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw unavailable.apply(doing + ": " + service + "'s answer could not be read: " + e.getMessage(), e);
        }
    }
}
