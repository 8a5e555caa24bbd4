package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SyncVerification;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Verify the new bucket before anything points at it: same keys, same sizes. After Heroku writes
 * to the new bucket (input {@code newUploadsAllowed}), objects only in the new bucket are its new
 * uploads: every object of the old one must still be there with its size. On Day 2, before the
 * old bucket is deleted (input {@code beforeDeletingOld}), a difference keeps the old bucket.
 */
@Component("verifyNewBucket")
class VerifyNewBucket extends Step {

    static final int MAX_ATTEMPTS = 3;

    private final S3Port s3;
    private final MigrationPlan plan;

    VerifyNewBucket(Ledger ledger, S3Port s3, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String from = plan.buckets().oldMedia();
        String to = plan.buckets().media();
        SyncVerification verification = s3.verifyCopy(from, to);
        boolean newUploadsAllowed = "true".equals(step.inputOrNull("newUploadsAllowed"));
        boolean caughtUp = newUploadsAllowed ? verification.sourceCovered() : verification.same();
        List<String> problems = caughtUp ? List.of() : verification.differences().stream()
                .filter(difference -> !(newUploadsAllowed && difference.startsWith("extra: ")))
                .toList();
        String mismatchAt = to + " does not match " + from + " (" + verification.destinationObjects()
                + " objects against " + verification.sourceObjects() + "): " + verification.missing() + " missing, "
                + verification.sizeMismatches() + " of another size"
                + (newUploadsAllowed ? "" : ", " + verification.extra() + " extra") + "; "
                + String.join("; ", problems);
        if (!caughtUp && "true".equals(step.inputOrNull("beforeDeletingOld"))) {
            // Day 2, before the old bucket goes: nothing syncs any more, a difference keeps the old bucket
            step.set(Vars.SYNC_VERIFIED, false);
            ledger.record(step.record(Outcome.CHECKED, mismatchAt + ": the old bucket is kept",
                    Map.of("destinationBucket", to)));
            return;
        }
        int attempts = step.getOrNull(Vars.SYNC_VERIFY_ATTEMPTS) == null ? 1 : step.get(Vars.SYNC_VERIFY_ATTEMPTS) + 1;
        String mismatch = mismatchAt;
        if (!caughtUp && attempts >= MAX_ATTEMPTS) {
            throw new StepFailedException(mismatch + ". " + MAX_ATTEMPTS + " passes did not catch up: find what keeps"
                    + " changing the old bucket, then retry this step.");
        }
        step.set(Vars.SYNC_VERIFY_ATTEMPTS, caughtUp ? 0 : attempts);
        step.set(Vars.SYNC_VERIFIED, caughtUp);
        if (!caughtUp) {
            // uploads keep arriving while Heroku serves: another pass copies them
            ledger.record(step.record(Outcome.CHECKED, mismatch + ": syncing again (pass " + (attempts + 1) + ")",
                    Map.of("destinationBucket", to)));
            return;
        }
        String summary = verification.sourceObjects() + " objects, " + SyncProgress.megabytes(verification.sourceBytes())
                + ": same keys and sizes as " + from;
        step.set(Vars.SYNC_VERIFICATION, summary);
        ledger.record(step.record(Outcome.CHECKED, to + ": " + summary, Map.of("destinationBucket", to)));
    }
}
