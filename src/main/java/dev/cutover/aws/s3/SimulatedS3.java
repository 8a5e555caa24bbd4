package dev.cutover.aws.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of S3: the buckets as the runbook finds them (the new media one not yet
 * encrypted, the Heroku one full of uploads, and the redirect bucket named like the apex domain
 * already sending every request to https://www). {@code s3.outage} fails the next call.
 */
@Component
@Profile("rehearsal")
class SimulatedS3 implements S3Port, WorldPart {

    static final String SYSTEM = "s3";

    private final WorldStore world;
    private final Faults faults;
    private final MigrationPlan.Buckets buckets;
    private final MigrationPlan.Domains domains;
    private final String region;

    SimulatedS3(WorldStore world, Faults faults, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.buckets = plan.buckets();
        this.domains = plan.domains();
        this.region = plan.aws().region();
    }

    @Override
    public Ensured<BucketEncryption> ensureBucketEncrypted(String bucket, BucketEncryption wanted) {
        faults.outage("s3.outage", "We encountered an internal error. Please try again. (Service: S3, Status Code: 500)");
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
        faults.outage("s3.outage", "We encountered an internal error. Please try again. (Service: S3, Status Code: 500)");
        BucketState found = existing(world.read(SYSTEM, State.class, this::initial), bucket);
        return new BucketEncryption(found.encryption, found.kmsKeyArn);
    }

    @Override
    public Ensured<String> ensureRedirectBucket(String bucket, String hostName, String protocol) {
        String wanted = WebsiteRedirect.wanted(bucket, hostName, protocol).toString();
        faults.outage("s3.outage", "We encountered an internal error. Please try again. (Service: S3, Status Code: 500)");
        return world.change(SYSTEM, State.class, this::initial, state -> {
            BucketState found = state.buckets.get(bucket);
            boolean created = found == null;
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

    private static BucketState existing(State state, String bucket) {
        BucketState found = state.buckets.get(bucket);
        if (found == null) {
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
        return world.read(SYSTEM, State.class, this::initial);
    }

    private State initial() {
        State state = new State();
        BucketState media = new BucketState();
        media.encryption = BucketEncryption.NONE.algorithm();
        state.buckets.put(buckets.media(), media);
        BucketState old = new BucketState();
        old.encryption = BucketEncryption.NONE.algorithm();
        old.objects = 1240;
        old.bytes = 187_300_000L;
        state.buckets.put(buckets.oldMedia(), old);
        // "Setup alias from clearmyrecord.org to the redirect bucket" is done before Day 0
        BucketState redirect = new BucketState();
        redirect.encryption = BucketEncryption.SSE_S3;
        redirect.websiteRedirectsTo = WebsiteRedirect.of(domains.www(), "https").toString();
        redirect.websiteEndpoint = WebsiteEndpoint.host(domains.current().name(), region);
        state.buckets.put(domains.current().name(), redirect);
        return state;
    }

    static class State {
        Map<String, BucketState> buckets = new LinkedHashMap<>();
    }

    static class BucketState {
        String encryption;
        String kmsKeyArn;
        long objects;
        long bytes;
        @JsonInclude(JsonInclude.Include.NON_NULL) String websiteRedirectsTo;
        @JsonInclude(JsonInclude.Include.NON_NULL) String websiteEndpoint;
    }
}
