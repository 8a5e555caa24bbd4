package dev.cutover.aws.s3;

import java.util.Locale;

/** Where a bucket's website sends every request: {@code https://www.clearmyrecord.org}. */
record WebsiteRedirect(String hostName, String protocol) {

    /** The redirect a caller asked for, refused when it is not a bare host name and http(s). */
    static WebsiteRedirect wanted(String bucket, String hostName, String protocol) {
        if (hostName == null || hostName.isBlank() || hostName.contains("/") || hostName.contains(":")) {
            throw new IllegalArgumentException("bucket '" + bucket + "': the redirect needs a host name"
                    + " without scheme, port or path, not '" + hostName + "'");
        }
        if (!"https".equals(protocol) && !"http".equals(protocol)) {
            throw new IllegalArgumentException("bucket '" + bucket + "': the redirect's protocol must be"
                    + " https or http, not '" + protocol + "'");
        }
        return of(hostName, protocol);
    }

    /** As S3 reports it: host names compare case-insensitively, a missing protocol stays null. */
    static WebsiteRedirect of(String hostName, String protocol) {
        return new WebsiteRedirect(lowerCase(hostName), lowerCase(protocol));
    }

    private static String lowerCase(String value) {
        return value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        // without a protocol S3 keeps the one the request came in with
        return (protocol == null ? "" : protocol + "://") + hostName;
    }
}
