package dev.cutover.aws.s3;

/**
 * How the bucket sync copies: {@code threads} server-side copies side by side, and objects over
 * {@code multipartAbove} bytes copied in parts of {@code partSize} bytes, also side by side.
 */
record CopySettings(int threads, long multipartAbove, long partSize) {

    static final long MIB = 1024L * 1024;
    /** S3's smallest part (but for the last); the largest single CopyObject is 5 GiB. */
    static final long MIN_PART_SIZE = 5 * MIB;
    static final long MAX_SINGLE_COPY = 5L * 1024 * MIB;

    // the client's pool holds 50 connections: 32 copies leave room for the batch's listings;
    // a 1 GiB copy in 512 MiB parts runs in parallel, each request well inside the client's timeouts
    static final CopySettings DEFAULTS = new CopySettings(32, 1024 * MIB, 512 * MIB);

    CopySettings {
        if (threads < 1) {
            throw new IllegalArgumentException("copy threads must be 1 or more, not " + threads);
        }
        if (multipartAbove < 1 || multipartAbove > MAX_SINGLE_COPY) {
            throw new IllegalArgumentException("objects over " + multipartAbove
                    + " bytes cannot all be copied in one CopyObject: S3 copies at most 5 GiB at once");
        }
        if (partSize < 1) {
            throw new IllegalArgumentException("part size must be 1 byte or more, not " + partSize);
        }
    }
}
