package dev.cutover.aws.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the bucket sync decides, key by key, from the two listings: shared by {@link S3Adapter}
 * and its rehearsal twin so that both copy exactly the same objects.
 */
final class SyncDecision {

    /** User metadata on a copy whose ETag cannot match its source's: the source's ETag. */
    static final String SOURCE_ETAG = "cutover-source-etag";

    static final int MAX_DIFFERENCES = 20;

    private SyncDecision() {
    }

    /** One object as a listing shows it; the ETag without its quotes. */
    record Listed(String key, long size, String eTag) {

        Listed {
            eTag = unquoted(eTag);
        }
    }

    /**
     * A batch's work: {@code copy} the keys missing or of another size at the destination;
     * {@code check} the same-size keys whose ETags differ (copied as multipart or under KMS?) by
     * reading the ETag recorded on the destination's copy.
     */
    record Plan(List<Listed> copy, List<Listed> check) {

        boolean nothingToDo() {
            return copy.isEmpty() && check.isEmpty();
        }
    }

    static Plan plan(List<Listed> sourcePage, Iterable<Listed> destinationRange) {
        Map<String, Listed> destination = new HashMap<>();
        destinationRange.forEach(listed -> destination.put(listed.key(), listed));
        List<Listed> copy = new ArrayList<>();
        List<Listed> check = new ArrayList<>();
        for (Listed source : sourcePage) {
            Listed there = destination.get(source.key());
            if (there == null || there.size() != source.size()) {
                copy.add(source);
            } else if (!Objects.equals(source.eTag(), there.eTag())) {
                check.add(source);
            }
        }
        return new Plan(copy, check);
    }

    /** Whether the destination's copy records the source's current ETag (metadata may be null). */
    static boolean recordedAsCopyOf(Listed source, Map<String, String> destinationMetadata) {
        return destinationMetadata != null && source.eTag() != null
                && source.eTag().equals(unquoted(destinationMetadata.get(SOURCE_ETAG)));
    }

    enum CopyKind {
        /** One CopyObject keeping the source's metadata: the copy gets the source's ETag. */
        PLAIN,
        /** One CopyObject with the source's metadata and its ETag recorded, the copy's ETag being another. */
        RECORDED,
        /** Parts copied side by side (UploadPartCopy), the source's ETag recorded. */
        MULTIPART
    }

    static CopyKind copyKind(Listed source, long multipartAbove, boolean destinationChangesETags) {
        if (source.size() > multipartAbove) {
            return CopyKind.MULTIPART;
        }
        return destinationChangesETags || multipartETag(source.eTag()) ? CopyKind.RECORDED : CopyKind.PLAIN;
    }

    static boolean sameETag(String a, String b) {
        return a != null && unquoted(a).equals(unquoted(b));
    }

    /** A multipart upload's ETag (an MD5 of the parts' MD5s, then "-" and the part count): no copy repeats it. */
    static boolean multipartETag(String eTag) {
        return eTag != null && eTag.contains("-");
    }

    /** S3's listing order: by the keys' UTF-8 bytes, which is code point order, not Java's UTF-16 order. */
    static int compareKeys(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xAbove = Character.isSurrogate(x);
                if (xAbove != Character.isSurrogate(y)) {
                    // a surrogate starts a code point above U+FFFF: after every other character
                    return xAbove ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Both buckets walked side by side in listing order, so neither is ever held in memory whole. */
    static SyncVerification verify(Iterator<Listed> source, Iterator<Listed> destination) {
        long sourceObjects = 0;
        long sourceBytes = 0;
        long destinationObjects = 0;
        long destinationBytes = 0;
        long missing = 0;
        long sizeMismatches = 0;
        long extra = 0;
        List<String> problems = new ArrayList<>();
        List<String> extras = new ArrayList<>();
        Listed s = next(source);
        Listed d = next(destination);
        while (s != null || d != null) {
            int order = s == null ? 1 : d == null ? -1 : compareKeys(s.key(), d.key());
            if (order <= 0) {
                sourceObjects++;
                sourceBytes += s.size();
            }
            if (order >= 0) {
                destinationObjects++;
                destinationBytes += d.size();
            }
            // counted in full; named up to a cap, extras apart, so new uploads never hide a missing key
            if (order < 0) {
                missing++;
                name(problems, "missing: " + s.key());
            } else if (order > 0) {
                extra++;
                name(extras, "extra: " + d.key());
            } else if (s.size() != d.size()) {
                sizeMismatches++;
                name(problems, "size: " + s.key() + " " + s.size() + " ≠ " + d.size());
            }
            if (order <= 0) {
                s = next(source);
            }
            if (order >= 0) {
                d = next(destination);
            }
        }
        List<String> differences = new ArrayList<>(problems);
        differences.addAll(extras);
        return new SyncVerification(sourceObjects, sourceBytes, destinationObjects, destinationBytes, missing,
                sizeMismatches, extra, List.copyOf(differences));
    }

    private static void name(List<String> named, String difference) {
        if (named.size() < MAX_DIFFERENCES) {
            named.add(difference);
        }
    }

    private static Listed next(Iterator<Listed> listing) {
        return listing.hasNext() ? listing.next() : null;
    }

    private static String unquoted(String eTag) {
        if (eTag == null) {
            return null;
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
