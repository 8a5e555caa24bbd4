package dev.cutover.aws.s3;

import java.time.Instant;

/** An object as ListObjectsV2 lists it: key, size, and when it was last written. */
public record WrittenObject(String key, long size, Instant lastModified) {}
