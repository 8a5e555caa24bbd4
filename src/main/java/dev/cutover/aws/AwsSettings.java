package dev.cutover.aws;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a live run reaches AWS: credentials come from the SDK's default chain (environment, profile,
 * instance role); {@code endpoints} points a service at another server ({@code rds}, {@code s3}).
 */
@ConfigurationProperties("cutover.aws")
public record AwsSettings(@DefaultValue Map<String, URI> endpoints) {

    public URI endpoint(String service) {
        return endpoints.get(service);
    }
}
