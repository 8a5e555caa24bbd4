package dev.cutover.aws.s3;

import dev.cutover.aws.AwsClients;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server on 127.0.0.1 for each test (S3Proxy, its in-memory "transient" store: the
 * extension's default file-system store answers 501 to bucket encryption), and the AWS SDK's
 * client of the application ({@link AwsClients#s3}) pointed at it, closed after the test.
 */
final class LocalS3 implements BeforeEachCallback, AfterEachCallback {

    private final S3ProxyExtension server = S3ProxyExtension.builder()
            .withBlobStoreProvider("transient")
            .withCredentials("access", "secret")
            .build();
    private S3Client client;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.beforeEach(context);
        client = AwsClients.s3(Region.US_EAST_1, server.getUri(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.getAccessKey(), server.getSecretKey())));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.afterEach(context);
    }

    /** The SDK client on the local server. */
    S3Client client() {
        return client;
    }

    /** The same client, telling {@code call} the name of each operation called on it (one request each, SDK retries aside). */
    S3Client observed(Consumer<String> call) {
        S3Client real = client;
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    call.accept(method.getName());
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
