package dev.cutover.process;

/** The process variables an operator sees in Cockpit, named in one place. */
public final class Vars {

    public static final Variable<String> SNAPSHOT_ID = Variable.of("snapshotId", String.class);
    public static final Variable<String> SNAPSHOT_STATUS = Variable.of("snapshotStatus", String.class);
    public static final Variable<Integer> SNAPSHOT_PROGRESS = Variable.of("snapshotProgress", Integer.class);
    public static final Variable<Boolean> SNAPSHOT_AVAILABLE = Variable.of("snapshotAvailable", Boolean.class);

    public static final Variable<String> MEDIA_BUCKET_ENCRYPTION = Variable.of("mediaBucketEncryption", String.class);

    public static final Variable<Boolean> SENTRY_DSN_SET = Variable.of("sentryDsnSet", Boolean.class);
    public static final Variable<String> LAMBDA_FUNCTION = Variable.of("lambdaFunction", String.class);
    public static final Variable<String> SENTRY_DSN_VARIABLE = Variable.of("sentryDsnVariable", String.class);

    public static final Variable<String> QUOTA_REQUEST_ID = Variable.of("quotaRequestId", String.class);
    public static final Variable<String> QUOTA_REQUEST_STATUS = Variable.of("quotaRequestStatus", String.class);
    /** What the process routes on: {@code granted}, {@code refused} or {@code pending}. */
    public static final Variable<String> QUOTA_STATE = Variable.of("quotaState", String.class);
    public static final Variable<Double> ELASTIC_IP_LIMIT = Variable.of("elasticIpLimit", Double.class);

    public static final Variable<String> CERTIFICATE_ARN = Variable.of("certificateArn", String.class);
    public static final Variable<String> CERTIFICATE_STATUS = Variable.of("certificateStatus", String.class);
    public static final Variable<Boolean> CERTIFICATE_ISSUED = Variable.of("certificateIssued", Boolean.class);

    public static final Variable<Long> TOWER_INVENTORY = Variable.of("towerInventory", Long.class);
    public static final Variable<Long> ZAPPA_COMMAND_TEMPLATE = Variable.of("zappaCommandTemplate", Long.class);
    public static final Variable<String> TOWER_USER_KEY_ID = Variable.of("towerUserKeyId", String.class);

    public static final Variable<String> OLD_URL_FINDINGS = Variable.of("oldUrlFindings", String.class);
    public static final Variable<Integer> OLD_URL_PAGES_VISITED = Variable.of("oldUrlPagesVisited", Integer.class);
    public static final Variable<Boolean> OLD_URL_SEARCH_COMPLETE = Variable.of("oldUrlSearchComplete", Boolean.class);

    public static final Variable<Integer> READ_REPLICA_COUNT = Variable.of("readReplicaCount", Integer.class);
    public static final Variable<String> READ_REPLICAS = Variable.of("readReplicas", String.class);

    public static final Variable<String> INTERIM_HEROKU_KEY_ID = Variable.of("interimHerokuKeyId", String.class);

    public static final Variable<String> NEW_SITE_URL = Variable.of("newSiteUrl", String.class);
    public static final Variable<String> UAT_CHECKLIST = Variable.of("uatChecklist", String.class);
    public static final Variable<String> SCHEDULED_JOBS = Variable.of("scheduledJobs", String.class);
    public static final Variable<String> TWILIO_NUMBER = Variable.of("twilioNumber", String.class);
    /** The process type the Heroku Scheduler's jobs run in (a clock dyno), or null: switched off by hand. */
    public static final Variable<String> SCHEDULER_PROCESS_TYPE = Variable.of("schedulerProcessType", String.class);

    public static final Variable<Long> SYNC_OBJECTS_TOTAL = Variable.of("syncObjectsTotal", Long.class);
    public static final Variable<Long> SYNC_BYTES_TOTAL = Variable.of("syncBytesTotal", Long.class);
    public static final Variable<Long> SYNC_OBJECTS_DONE = Variable.of("syncObjectsDone", Long.class);
    public static final Variable<Long> SYNC_BYTES_DONE = Variable.of("syncBytesDone", Long.class);
    public static final Variable<Long> SYNC_OBJECTS_COPIED = Variable.of("syncObjectsCopied", Long.class);
    public static final Variable<Long> SYNC_BYTES_COPIED = Variable.of("syncBytesCopied", Long.class);
    public static final Variable<Integer> SYNC_BATCHES = Variable.of("syncBatches", Integer.class);
    /** The last old-bucket key a committed batch covered: where a resumed sync starts. */
    public static final Variable<String> SYNC_START_AFTER = Variable.of("syncStartAfter", String.class);
    public static final Variable<Boolean> SYNC_DONE = Variable.of("syncDone", Boolean.class);
    /** "1,200 of 1,240 objects (96 %), 180 of 187 MB" — what an operator reads in Cockpit. */
    public static final Variable<String> SYNC_PROGRESS = Variable.of("syncProgress", String.class);
    public static final Variable<String> SYNC_VERIFICATION = Variable.of("syncVerification", String.class);
    /** Whether the last verification found the new bucket caught up; false routes into another pass. */
    public static final Variable<Boolean> SYNC_VERIFIED = Variable.of("syncVerified", Boolean.class);
    public static final Variable<Integer> SYNC_VERIFY_ATTEMPTS = Variable.of("syncVerifyAttempts", Integer.class);

    /** Undoing Day 1's bucket switch: the last new-bucket key a committed batch covered, copying uploads back. */
    public static final Variable<String> UPLOADS_BACK_START_AFTER = Variable.of("uploadsBackStartAfter", String.class);
    public static final Variable<Boolean> UPLOADS_BACK_DONE = Variable.of("uploadsBackDone", Boolean.class);
    public static final Variable<Long> UPLOADS_BACK_COPIED = Variable.of("uploadsBackCopied", Long.class);
    /** "3 uploads copied back (1.2 MB), 1,265 objects looked at" — what an operator reads in Cockpit. */
    public static final Variable<String> UPLOADS_BACK_PROGRESS = Variable.of("uploadsBackProgress", String.class);

    /** Day 2's deletion of the old media bucket, a batch per job: whether the bucket is gone. */
    public static final Variable<Boolean> OLD_BUCKET_GONE = Variable.of("oldBucketGone", Boolean.class);
    public static final Variable<Long> OLD_BUCKET_OBJECTS_DELETED = Variable.of("oldBucketObjectsDeleted", Long.class);
    public static final Variable<Integer> OLD_BUCKET_BATCHES = Variable.of("oldBucketBatches", Integer.class);
    /** Batches in a row that found the bucket listed empty and S3 refusing to delete it as not empty. */
    public static final Variable<Integer> OLD_BUCKET_REFUSED_NOT_EMPTY =
            Variable.of("oldBucketRefusedNotEmpty", Integer.class);
    /** "12,000 objects deleted in 12 batches so far" — what an operator reads in Cockpit. */
    public static final Variable<String> OLD_BUCKET_DELETE_PROGRESS = Variable.of("oldBucketDeleteProgress", String.class);

    public static final Variable<Boolean> LAMBDA_BRANCH_UP_TO_DATE = Variable.of("lambdaBranchUpToDate", Boolean.class);
    public static final Variable<String> LAMBDA_BRANCH_CHECK = Variable.of("lambdaBranchCheck", String.class);

    public static final Variable<Boolean> LAMBDA_SITE_LIVE = Variable.of("lambdaSiteLive", Boolean.class);
    public static final Variable<String> SITE_ANSWER = Variable.of("siteAnswer", String.class);
    public static final Variable<java.util.Date> NEW_SITE_LIVE_AT = Variable.of("newSiteLiveAt", java.util.Date.class);

    public static final Variable<String> TWILIO_ENDPOINTS = Variable.of("twilioEndpoints", String.class);
    public static final Variable<Long> PINGDOM_CHECK = Variable.of("pingdomCheck", Long.class);

    public static final Variable<Boolean> DNS_PROPAGATED = Variable.of("dnsPropagated", Boolean.class);
    /** One line per name: how many resolvers answer as expected, and what the others say. */
    public static final Variable<String> DNS_CHECK = Variable.of("dnsCheck", String.class);
    public static final Variable<java.util.Date> DNS_CHECKED_AT = Variable.of("dnsCheckedAt", java.util.Date.class);

    public static final Variable<String> HEROKU_TRAFFIC = Variable.of("herokuTraffic", String.class);
    public static final Variable<Integer> HEROKU_REQUESTS = Variable.of("herokuRequests", Integer.class);
    /** The Heroku app's formation before Day 2 turned it off ("web=2 standard-1x, worker=1 standard-1x"). */
    public static final Variable<String> HEROKU_FORMATION_BEFORE = Variable.of("herokuFormationBefore", String.class);

    /** Where the new database password is kept: a Secrets Manager ARN, never the password. */
    public static final Variable<String> DATABASE_PASSWORD_SECRET = Variable.of("databasePasswordSecret", String.class);
    public static final Variable<java.util.Date> PASSWORD_CHANGED_AT = Variable.of("passwordChangedAt", java.util.Date.class);
    /** How the app is repointed at the new password: {@code lambda} or {@code awx-deploy}. */
    public static final Variable<String> REPOINT_BY = Variable.of("repointBy", String.class);
    public static final Variable<String> DATABASE_STATUS = Variable.of("databaseStatus", String.class);
    /** Whether the change the step waits for (the password, the public flag) is applied and RDS is available. */
    public static final Variable<Boolean> DATABASE_READY = Variable.of("databaseReady", Boolean.class);
    public static final Variable<Boolean> DATABASE_CHANGE_SEEN = Variable.of("databaseChangeSeen", Boolean.class);
    public static final Variable<Integer> DATABASE_CHECKS = Variable.of("databaseChecks", Integer.class);
    public static final Variable<Long> DOWNTIME_SECONDS = Variable.of("downtimeSeconds", Long.class);
    /** "7 s (limit 60 s): 5 failed probes, then the site answered" — what an operator reads. */
    public static final Variable<String> DOWNTIME = Variable.of("downtime", String.class);
    public static final Variable<Boolean> DOWNTIME_WITHIN_LIMIT = Variable.of("downtimeWithinLimit", Boolean.class);

    /** The whole run ({@code cutover}): the lead who started it ({@code camunda:initiator}). */
    public static final Variable<String> STARTED_BY = Variable.of("startedBy", String.class);
    /** How the phase the run called last ended: {@code done}, {@code rolled back} or {@code stopped}. */
    public static final Variable<String> PHASE_ENDING = Variable.of("phaseEnding", String.class);
    public static final Variable<java.util.Date> WINDOW_START = Variable.of("windowStart", java.util.Date.class);
    public static final Variable<java.util.Date> WINDOW_END = Variable.of("windowEnd", java.util.Date.class);
    /** When the lead must decide: extend the window or roll back (the window's end less the plan's warn-before). */
    public static final Variable<java.util.Date> WINDOW_WARN_AT = Variable.of("windowWarnAt", java.util.Date.class);
    /** "T-2h 13m": the time left in the launch window, refreshed at each phase and gate. */
    public static final Variable<String> TIME_LEFT = Variable.of("timeLeft", String.class);
    public static final Variable<java.util.Date> DAY_2_AT = Variable.of("day2At", java.util.Date.class);
    /** Whether a rollback asked for at the window's end reaches the run without it (the advisor, a running phase). */
    public static final Variable<Boolean> ROLLBACK_FOLLOWS = Variable.of("rollbackFollows", Boolean.class);

    /** The database instance the app uses after a rollback: production's, or one restored from a clean snapshot. */
    public static final Variable<String> DATABASE_INSTANCE = Variable.of("databaseInstance", String.class);
    /** The snapshots the run took, one a line with when: what the lead picks a clean one from. */
    public static final Variable<String> CLEAN_SNAPSHOTS = Variable.of("cleanSnapshots", String.class);
    /** The snapshot id the lead picked as known clean. */
    public static final Variable<String> SNAPSHOT = Variable.of("snapshot", String.class);
    public static final Variable<String> RESTORED_DATABASE_STATUS = Variable.of("restoredDatabaseStatus", String.class);
    public static final Variable<Boolean> RESTORED_DATABASE_AVAILABLE = Variable.of("restoredDatabaseAvailable", Boolean.class);
    /** "3 objects written after 2026-11-26T10:02:11Z: petitions/…, …": the PDFs to rebuild by hand. */
    public static final Variable<String> FILES_TO_REBUILD = Variable.of("filesToRebuild", String.class);
    public static final Variable<Long> FILES_TO_REBUILD_COUNT = Variable.of("filesToRebuildCount", Long.class);
    /** Why the lead requests a rollback (message {@code RollbackRequested}, or the advisor's start form). */
    public static final Variable<String> REASON = Variable.of("reason", String.class);
    /** False when the lead says the database or S3 is corrupted; missing means intact. */
    public static final Variable<Boolean> DATA_INTACT = Variable.of("dataIntact", Boolean.class);
    /** The rollback path the advisor chose: a process key, {@code rollback-dns}, … */
    public static final Variable<String> ROLLBACK_PATH = Variable.of("rollbackPath", String.class);
    /** What the chosen path will undo, numbered, in order: what the lead confirms. */
    public static final Variable<String> ROLLBACK_PREVIEW = Variable.of("rollbackPreview", String.class);
    public static final Variable<Boolean> PHASE_STOPPED = Variable.of("phaseStopped", Boolean.class);
    /** The run's phases still running while the rollback waits for them to stop ("day-1 (compensating)"). */
    public static final Variable<String> RUNNING_PHASES = Variable.of("runningPhases", String.class);
    /** Whether the operators switched the Scheduler's jobs off by hand, so a person puts them back. */
    public static final Variable<Boolean> SCHEDULED_TASKS_BY_HAND = Variable.of("scheduledTasksByHand", Boolean.class);

    /** The AWX job of a playbook step: {@code createStorageJob}, … */
    public static Variable<Long> playbookJob(String playbook) {
        return Variable.of(playbook + "Job", Long.class);
    }

    /** AWX's own status of that job: new, pending, waiting, running, successful, failed, error, canceled. */
    public static Variable<String> playbookJobStatus(String playbook) {
        return Variable.of(playbook + "JobStatus", String.class);
    }

    /** What the process routes on: {@code running}, {@code successful} or {@code failed}. */
    public static Variable<String> playbookState(String playbook) {
        return Variable.of(playbook + "State", String.class);
    }

    private Vars() {
    }
}
