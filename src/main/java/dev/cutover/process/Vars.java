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
    /** Where Heroku's S3 key from before the interim user is kept (a Secrets Manager ARN, never the key). */
    public static final Variable<String> HEROKU_PREVIOUS_S3_KEY = Variable.of("herokuPreviousS3KeySecret", String.class);

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
