package dev.cutover.aws.s3;

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
 * Rehearsal twin of S3: the media buckets as the runbook finds them (the new one not yet
 * encrypted, the Heroku one full of uploads). {@code s3.outage} fails the next call.
 */
@Component
@Profile("rehearsal")
class SimulatedS3 implements S3Port, WorldPart {

    static final String SYSTEM = "s3";

    private final WorldStore world;
    private final Faults faults;
    private final MigrationPlan.Buckets buckets;

    SimulatedS3(WorldStore world, Faults faults, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.buckets = plan.buckets();
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
    }
}
