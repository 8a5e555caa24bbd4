package dev.cutover.aws.s3;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cutover.aws.s3.SyncDecision.CopyKind;
import dev.cutover.aws.s3.SyncDecision.Listed;
import dev.cutover.aws.s3.SyncDecision.Plan;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.Fingerprint;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of S3: the buckets as the runbook finds them (the new media one empty and not
 * yet encrypted, the Heroku one full of uploads, and the redirect bucket named like the apex
 * domain already sending every request to https://www). The sync decides key by key as the
 * adapter does ({@link SyncDecision}); a copy into an SSE-KMS bucket or of a multipart upload
 * gets an ETag of its own and records its source's. A flat JSON object (Zappa's remote env) is
 * kept as its entries' names and how often it was written, never its values; the plan's remote env
 * is there from the start, naming the database URL and the secret key. A deleted bucket stays in
 * the world as gone, with when and how many objects it held. {@code s3.outage} fails the next
 * call, {@code s3.delete.refused} the next bucket deletion, as AccessDenied.
 */
@Component
@Profile("rehearsal")
public class SimulatedS3 implements S3Port, WorldPart {

    static final String SYSTEM = "s3";
    static final int HEROKU_UPLOADS = 1240;
    static final String DELETE_REFUSED = "s3.delete.refused";
    static final String BUCKET_NOT_EMPTY = "s3.bucket-not-empty";
    private static final String INTERNAL_ERROR =
            "We encountered an internal error. Please try again. (Service: S3, Status Code: 500)";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final MigrationPlan.Buckets buckets;
    private final MigrationPlan.Domains domains;
    private final MigrationPlan.Lambda lambda;
    private final String databaseUrlVariable;
    private final String region;

    SimulatedS3(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.buckets = plan.buckets();
        this.domains = plan.domains();
        this.lambda = plan.lambda();
        this.databaseUrlVariable = plan.rds().urlVariable();
        this.region = plan.aws().region();
    }

    @Override
    public Ensured<BucketEncryption> ensureBucketEncrypted(String bucket, BucketEncryption wanted) {
        faults.outage("s3.outage", INTERNAL_ERROR);
        return world.change(SYSTEM, State.class, this::initial, state -> {
            BucketState found = existing(state, bucket);
            BucketEncryption current = new BucketEncryption(found.encryption, found.kmsKeyArn);
            if (current.equals(wanted)) {
                return Ensured.alreadyDone(current);
            }
            found.encryption = wanted.algorithm();
            found.kmsKeyArn = wanted.kmsKeyArn();
            return Ensured.changed(wanted);
        });
    }

    @Override
    public BucketEncryption bucketEncryption(String bucket) {
        faults.outage("s3.outage", INTERNAL_ERROR);
        BucketState found = existing(world.read(SYSTEM, State.class, this::initial), bucket);
        return new BucketEncryption(found.encryption, found.kmsKeyArn);
    }

    @Override
    public Ensured<String> ensureRedirectBucket(String bucket, String hostName, String protocol) {
        String wanted = WebsiteRedirect.wanted(bucket, hostName, protocol).toString();
        faults.outage("s3.outage", INTERNAL_ERROR);
        return world.change(SYSTEM, State.class, this::initial, state -> {
            BucketState found = state.buckets.get(bucket);
            boolean created = found == null || found.deletedAt != null;
            if (created) {
                found = new BucketState();
                found.encryption = BucketEncryption.SSE_S3;
                state.buckets.put(bucket, found);
            }
            String endpoint = WebsiteEndpoint.host(bucket, region);
            if (wanted.equals(found.websiteRedirectsTo)) {
                return created ? Ensured.changed(endpoint) : Ensured.alreadyDone(endpoint);
            }
            found.websiteRedirectsTo = wanted;
            found.websiteEndpoint = endpoint;
            return Ensured.changed(endpoint);
        });
    }

    @Override
    public SyncBatch syncBatch(String source, String destination, String startAfter, int maxKeys) {
        return syncBatch(source, destination, null, startAfter, maxKeys);
    }

    @Override
    public SyncBatch syncBatch(String source, String destination, Instant modifiedSince, String startAfter,
            int maxKeys) {
        if (maxKeys < 1 || maxKeys > BucketSync.MAX_KEYS) {
            throw new IllegalArgumentException(
                    "a sync batch lists 1 to " + BucketSync.MAX_KEYS + " keys, not " + maxKeys);
        }
        faults.outage("s3.outage", INTERNAL_ERROR);
        if (startAfter != null && faults.trip("s3.upload-during-sync")) {
            // Heroku takes an upload while the sync runs, under a key the batches have passed already
            put(source, "0-uploaded-during-the-sync/" + startAfter.replace('/', '-'), 48_213);
        }
        return world.change(SYSTEM, State.class, this::initial, state -> {
            BucketState from = existing(state, source);
            BucketState to = existing(state, destination);
            NavigableMap<String, StoredObject> after = after(inListingOrder(from), startAfter);
            List<Listed> page = after.entrySet().stream().limit(maxKeys)
                    .map(entry -> entry.getValue().listed(entry.getKey())).toList();
            if (page.isEmpty()) {
                return new SyncBatch(null, 0, 0, 0, 0);
            }
            String lastKey = page.get(page.size() - 1).key();
            List<Listed> destinationRange = after(inListingOrder(to), startAfter).headMap(lastKey, true)
                    .entrySet().stream().map(entry -> entry.getValue().listed(entry.getKey())).toList();
            List<Listed> wanted = modifiedSince == null ? page : page.stream()
                    .filter(listed -> from.contents.get(listed.key()).modifiedSince(modifiedSince)).toList();
            Plan plan = SyncDecision.plan(wanted, destinationRange);
            Instant now = clock.instant();
            boolean kms = to.encryption != null && to.encryption.startsWith(BucketEncryption.SSE_KMS);
            int copied = 0;
            long bytesCopied = 0;
            for (Listed listed : plan.copy()) {
                copy(listed, destination, to, kms, now);
                copied++;
                bytesCopied += listed.size();
            }
            for (Listed listed : plan.check()) {
                StoredObject there = to.contents.get(listed.key());
                if (!SyncDecision.recordedAsCopyOf(listed, there.metadata())
                        && !SyncDecision.recordedAsCopyOf(there.listed(listed.key()),
                                from.contents.get(listed.key()).metadata())) {
                    copy(listed, destination, to, kms, now);
                    copied++;
                    bytesCopied += listed.size();
                }
            }
            long bytesSeen = page.stream().mapToLong(Listed::size).sum();
            return new SyncBatch(after.size() > maxKeys ? lastKey : null, page.size(), bytesSeen, copied, bytesCopied);
        });
    }

    @Override
    public SyncVerification verifyCopy(String source, String destination) {
        faults.outage("s3.outage", INTERNAL_ERROR);
        State state = world.read(SYSTEM, State.class, this::initial);
        return SyncDecision.verify(listing(existing(state, source)), listing(existing(state, destination)));
    }

    @Override
    public boolean mergeJsonObject(String bucket, String key, Map<String, String> changes) {
        Map<String, String> fingerprints = new TreeMap<>();
        changes.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("entry '" + name + "' needs a value");
            }
            fingerprints.put(name, Fingerprint.of(value));
        });
        faults.outage("s3.outage", INTERNAL_ERROR);
        if (changes.isEmpty()) {
            return false;
        }
        return world.change(SYSTEM, State.class, this::initial, state -> {
            JsonObjectState object = existing(state, bucket).jsonObjects
                    .computeIfAbsent(key, missing -> new JsonObjectState());
            if (fingerprints.entrySet().stream()
                    .allMatch(entry -> entry.getValue().equals(object.valueFingerprints.get(entry.getKey())))) {
                return false;
            }
            TreeSet<String> names = new TreeSet<>(object.names);
            names.addAll(changes.keySet());
            object.names = List.copyOf(names);
            object.valueFingerprints.putAll(fingerprints);
            object.writes++;
            return true;
        });
    }

    @Override
    public DeletionBatch deleteBucketBatch(String bucket, int maxKeys) {
        faults.outage("s3.outage", INTERNAL_ERROR);
        if (faults.trip(DELETE_REFUSED)) {
            throw new StepFailedException("S3 refuses us access to bucket '" + bucket + "' (403 AccessDenied): cannot"
                    + " delete the bucket; the bucket belongs to another AWS account, or our credentials lack the"
                    + " permission (fault injected by the rehearsal: " + DELETE_REFUSED + ")");
        }
        Instant now = clock.instant();
        // armed: DeleteBucket answers BucketNotEmpty though the listing is empty
        BucketState listed = world.read(SYSTEM, State.class, this::initial).buckets.get(bucket);
        boolean refusedAsNotEmpty = listed != null && listed.deletedAt == null && listed.contents.isEmpty()
                && listed.jsonObjects.isEmpty() && faults.trip(BUCKET_NOT_EMPTY);
        return world.change(SYSTEM, State.class, this::initial, state -> {
            BucketState found = state.buckets.get(bucket);
            if (found == null || found.deletedAt != null) {
                return DeletionBatch.wasGone();
            }
            int deleted = 0;
            for (var keys = found.contents.keySet().iterator(); keys.hasNext() && deleted < maxKeys; deleted++) {
                keys.next();
                keys.remove();
            }
            for (var keys = found.jsonObjects.keySet().iterator(); keys.hasNext() && deleted < maxKeys; deleted++) {
                keys.next();
                keys.remove();
            }
            found.objectsDeleted = (found.objectsDeleted == null ? 0 : found.objectsDeleted) + deleted;
            if (deleted > 0) {
                return DeletionBatch.deletedSome(deleted);
            }
            if (refusedAsNotEmpty) {
                return DeletionBatch.notEmpty();
            }
            BucketState gone = new BucketState();
            gone.deletedAt = now;
            gone.objectsHeld = found.objectsDeleted;
            state.buckets.put(bucket, gone);
            return DeletionBatch.bucketDeleted();
        });
    }

    /** Puts an object into a bucket, as the app (or a person) uploading it would; it is modified now. */
    public void put(String bucket, String key, long size) {
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, this::initial, state -> existing(state, bucket).contents
                .put(key, new StoredObject(size, md5(bucket + "/" + key + "/" + size), null, now)));
    }

    @Override
    public List<WrittenObject> objectsWrittenAfter(String bucket, Instant after) {
        faults.outage("s3.outage", INTERNAL_ERROR);
        BucketState found = existing(world.read(SYSTEM, State.class, this::initial), bucket);
        return found.contents.entrySet().stream()
                .filter(entry -> entry.getValue().lastModified != null && entry.getValue().lastModified.isAfter(after))
                .map(entry -> new WrittenObject(entry.getKey(), entry.getValue().size, entry.getValue().lastModified))
                .sorted(java.util.Comparator.comparing(WrittenObject::lastModified).thenComparing(WrittenObject::key))
                .toList();
    }

    private static void copy(Listed listed, String destination, BucketState to, boolean kms, Instant now) {
        CopyKind kind = SyncDecision.copyKind(listed, CopySettings.DEFAULTS.multipartAbove(), kms);
        String newETag = md5(destination + "/" + listed.key() + "/" + listed.eTag());
        StoredObject copy = switch (kind) {
            case PLAIN -> new StoredObject(listed.size(), listed.eTag(), null, now);
            case RECORDED -> new StoredObject(listed.size(), newETag, listed.eTag(), now);
            case MULTIPART -> new StoredObject(listed.size(),
                    newETag + "-" + parts(listed.size(), CopySettings.DEFAULTS.partSize()), listed.eTag(), now);
        };
        to.contents.put(listed.key(), copy);
    }

    private static NavigableMap<String, StoredObject> inListingOrder(BucketState bucket) {
        TreeMap<String, StoredObject> sorted = new TreeMap<>(SyncDecision::compareKeys);
        sorted.putAll(bucket.contents);
        return sorted;
    }

    private static NavigableMap<String, StoredObject> after(NavigableMap<String, StoredObject> keys,
            String startAfter) {
        return startAfter == null ? keys : keys.tailMap(startAfter, false);
    }

    private static Iterator<Listed> listing(BucketState bucket) {
        return inListingOrder(bucket).entrySet().stream()
                .map(entry -> entry.getValue().listed(entry.getKey())).iterator();
    }

    private static BucketState existing(State state, String bucket) {
        BucketState found = state.buckets.get(bucket);
        if (found == null || found.deletedAt != null) {
            throw new IllegalStateException("NoSuchBucket: the bucket " + bucket + " does not exist");
        }
        return found;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        Map<String, Object> view = new LinkedHashMap<>();
        world.read(SYSTEM, State.class, this::initial).buckets.forEach((name, bucket) -> view.put(name,
                bucket.deletedAt == null ? new BucketView(bucket) : new DeletedBucketView(bucket)));
        return Map.of("buckets", view);
    }

    private State initial() {
        State state = new State();
        BucketState media = new BucketState();
        media.encryption = BucketEncryption.NONE.algorithm();
        state.buckets.put(buckets.media(), media);
        BucketState old = new BucketState();
        old.encryption = BucketEncryption.NONE.algorithm();
        old.contents.putAll(herokuUploads(buckets.oldMedia()));
        state.buckets.put(buckets.oldMedia(), old);
        // "Setup alias from clearmyrecord.org to the redirect bucket" is done before Day 0
        BucketState redirect = new BucketState();
        redirect.encryption = BucketEncryption.SSE_S3;
        redirect.websiteRedirectsTo = WebsiteRedirect.of(domains.www(), "https").toString();
        redirect.websiteEndpoint = WebsiteEndpoint.host(domains.current().name(), region);
        state.buckets.put(domains.current().name(), redirect);
        if (lambda.remoteEnvNamed()) {
            // Zappa's remote env, as the team wrote it when they set up the Lambda deployment
            BucketState settings = state.buckets.computeIfAbsent(lambda.remoteEnvBucket(), name -> {
                BucketState created = new BucketState();
                created.encryption = BucketEncryption.SSE_S3;
                return created;
            });
            JsonObjectState remoteEnv = new JsonObjectState();
            remoteEnv.names = List.copyOf(new TreeSet<>(List.of(databaseUrlVariable, "SECRET_KEY")));
            settings.jsonObjects.put(lambda.remoteEnvKey(), remoteEnv);
        }
        return state;
    }

    /**
     * The uploads the Django app left in the Heroku bucket, the same on every reset: generated
     * petitions (PDF), a few photos, and some large scans uploaded in parts (multipart ETags).
     */
    private static Map<String, StoredObject> herokuUploads(String bucket) {
        Random random = new Random(HEROKU_UPLOADS);
        Map<String, StoredObject> uploads = new LinkedHashMap<>();
        for (int i = 1; i <= HEROKU_UPLOADS; i++) {
            int year = 2017 + i * 7 / HEROKU_UPLOADS;
            String key;
            long size;
            if (i % 97 == 0) {
                key = "uploads/scans/" + year + "/scan-" + String.format("%05d", i) + ".pdf";
                size = 9_000_000L + random.nextInt(16_000_000);
            } else if (i % 11 == 0) {
                key = "uploads/photos/" + year + "/id-" + String.format("%05d", i) + ".jpg";
                size = 200_000L + random.nextInt(1_400_000);
            } else {
                key = "petitions/" + year + "/petition-" + String.format("%05d", i) + ".pdf";
                size = 40_000L + (long) Math.abs(random.nextGaussian() * 90_000);
            }
            String eTag = md5(bucket + "/" + key + "/" + size);
            // boto3 uploads anything over 8 MiB in 8 MiB parts
            uploads.put(key, new StoredObject(size, size > 8 * CopySettings.MIB
                    ? eTag + "-" + parts(size, 8 * CopySettings.MIB) : eTag, null, null));
        }
        return uploads;
    }

    private static long parts(long size, long partSize) {
        return (size + partSize - 1) / partSize;
    }

    private static String md5(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    static class State {
        Map<String, BucketState> buckets = new LinkedHashMap<>();
    }

    static class BucketState {
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt;
        @JsonInclude(JsonInclude.Include.NON_NULL) Long objectsHeld;
        /** Objects a deletion in batches has deleted so far: the bucket held them when it is gone. */
        @JsonInclude(JsonInclude.Include.NON_NULL) Long objectsDeleted;
        String encryption;
        String kmsKeyArn;
        @JsonInclude(JsonInclude.Include.NON_NULL) String websiteRedirectsTo;
        @JsonInclude(JsonInclude.Include.NON_NULL) String websiteEndpoint;
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, StoredObject> contents = new LinkedHashMap<>();
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, JsonObjectState> jsonObjects = new LinkedHashMap<>();
    }

    /** A flat JSON object (Zappa's remote env): the names it holds and how often it was written. */
    static class JsonObjectState {
        List<String> names = List.of();
        int writes;
        // what the twin needs to tell an unchanged entry (a value it must never hold): SHA-256 of each value written
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> valueFingerprints = new TreeMap<>();
    }

    /** A flat JSON object as the world page shows it: its entries' names and how often it was written. */
    record JsonObjectView(List<String> names, int writes) {

        JsonObjectView(JsonObjectState object) {
            this(object.names, object.writes);
        }
    }

    /**
     * An object, stored compactly as {@code [size, "etag"]}, {@code [size, "etag", "source etag"]}, or
     * {@code [size, "etag", "source etag" or null, "last modified"]} once the rehearsal wrote it (the
     * Heroku uploads the world starts with were modified long before).
     */
    static final class StoredObject {

        final long size;
        final String eTag;
        final String sourceETag;
        final Instant lastModified;

        StoredObject(long size, String eTag, String sourceETag) {
            this(size, eTag, sourceETag, null);
        }

        StoredObject(long size, String eTag, String sourceETag, Instant lastModified) {
            this.size = size;
            this.eTag = eTag;
            this.sourceETag = sourceETag;
            this.lastModified = lastModified;
        }

        @JsonCreator
        static StoredObject of(List<Object> fields) {
            return new StoredObject(((Number) fields.get(0)).longValue(), (String) fields.get(1),
                    fields.size() > 2 ? (String) fields.get(2) : null,
                    fields.size() > 3 ? Instant.parse((String) fields.get(3)) : null);
        }

        @JsonValue
        List<Object> fields() {
            if (lastModified != null) {
                return java.util.Arrays.asList(size, eTag, sourceETag, lastModified.toString());
            }
            return sourceETag == null ? List.of(size, eTag) : List.of(size, eTag, sourceETag);
        }

        boolean modifiedSince(Instant since) {
            return lastModified != null && !lastModified.isBefore(since);
        }

        Listed listed(String key) {
            return new Listed(key, size, eTag);
        }

        Map<String, String> metadata() {
            return sourceETag == null ? Map.of() : Map.of(SyncDecision.SOURCE_ETAG, sourceETag);
        }
    }

    /** A bucket as the world page shows it: its objects counted, not listed. */
    static class BucketView {
        String encryption;
        @JsonInclude(JsonInclude.Include.NON_NULL) String kmsKeyArn;
        long objects;
        long bytes;
        @JsonInclude(JsonInclude.Include.NON_NULL) String websiteRedirectsTo;
        @JsonInclude(JsonInclude.Include.NON_NULL) String websiteEndpoint;
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, JsonObjectView> jsonObjects;
        /** While the bucket is being deleted in batches: how many objects are gone so far. */
        @JsonInclude(JsonInclude.Include.NON_NULL) Long objectsDeleted;

        BucketView(BucketState bucket) {
            objectsDeleted = bucket.objectsDeleted;
            encryption = bucket.encryption;
            kmsKeyArn = bucket.kmsKeyArn;
            objects = bucket.contents.size();
            bytes = bucket.contents.values().stream().mapToLong(object -> object.size).sum();
            websiteRedirectsTo = bucket.websiteRedirectsTo;
            websiteEndpoint = bucket.websiteEndpoint;
            jsonObjects = new LinkedHashMap<>();
            bucket.jsonObjects.forEach((key, object) -> jsonObjects.put(key, new JsonObjectView(object)));
        }
    }

    /** A deleted bucket as the world page shows it: gone, when, and how many objects it held then. */
    static class DeletedBucketView {
        boolean deleted = true;
        String deletedAt;
        long objectsHeld;

        DeletedBucketView(BucketState bucket) {
            deletedAt = bucket.deletedAt.toString();
            objectsHeld = bucket.objectsHeld == null ? 0 : bucket.objectsHeld;
        }
    }
}
