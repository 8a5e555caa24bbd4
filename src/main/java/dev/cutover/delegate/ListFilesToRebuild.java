package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.WrittenObject;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The s3 buckets don't have versioning, so we will likely need to rebuild any pdfs generated from
 * broken data: the media bucket's objects written after the clean snapshot was taken, counted and
 * the first of them named for the operators, the count and the first keys in the ledger.
 */
@Component("listFilesToRebuild")
class ListFilesToRebuild extends Step {

    static final int SHOWN = 20;

    private final S3Port s3;
    private final MigrationPlan plan;

    ListFilesToRebuild(Ledger ledger, S3Port s3, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String snapshot = step.get(Vars.SNAPSHOT);
        CleanSnapshots.Taken taken = CleanSnapshots.of(ledger, step.run()).get(snapshot);
        if (taken == null) {
            throw new StepFailedException("run '" + step.run() + "' took no snapshot '" + snapshot + "'");
        }
        Instant after = taken.at();
        String bucket = plan.buckets().media();
        List<WrittenObject> written = s3.objectsWrittenAfter(bucket, after);
        String head = written.size() + " objects written to " + bucket + " after " + after + " (snapshot " + snapshot + ")";
        String keys = written.stream().limit(SHOWN).map(object -> object.key() + "  (" + object.lastModified() + ")")
                .collect(Collectors.joining("\n"));
        step.set(Vars.FILES_TO_REBUILD, written.isEmpty() ? head : head + (written.size() > SHOWN ? "; the first "
                + SHOWN : "") + ":\n" + keys);
        step.set(Vars.FILES_TO_REBUILD_COUNT, (long) written.size());
        record(step, new Ensured<>(Outcome.CHECKED, bucket), head + (written.isEmpty() ? "" : ": "
                + written.stream().limit(100).map(WrittenObject::key).collect(Collectors.joining(", "))),
                Map.of("bucket", bucket, "writtenAfter", after.toString(), "files", String.valueOf(written.size())));
    }
}
