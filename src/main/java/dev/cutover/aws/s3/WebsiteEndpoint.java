package dev.cutover.aws.s3;

import java.util.Set;

/**
 * Where S3 serves a bucket's website: {@code <bucket>.s3-website-<region>.amazonaws.com} in the
 * older regions, {@code <bucket>.s3-website.<region>.amazonaws.com} in the newer ones. A Route 53
 * alias to a website bucket targets {@link #domain(String)}.
 */
public final class WebsiteEndpoint {

    private static final Set<String> DASH_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "us-gov-west-1");

    private WebsiteEndpoint() {
    }

    /** The website endpoint of a region: {@code s3-website-us-east-1.amazonaws.com}. */
    public static String domain(String region) {
        return (DASH_REGIONS.contains(region) ? "s3-website-" : "s3-website.") + region + ".amazonaws.com";
    }

    /** A bucket's website host: {@code clearmyrecord.org.s3-website-us-east-1.amazonaws.com}. */
    public static String host(String bucket, String region) {
        return bucket + "." + domain(region);
    }
}
