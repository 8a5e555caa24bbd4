package dev.cutover.process;

/** The process variables an operator sees in Cockpit, named in one place. */
public final class Vars {

    public static final Variable<String> SNAPSHOT_ID = Variable.of("snapshotId", String.class);
    public static final Variable<String> SNAPSHOT_STATUS = Variable.of("snapshotStatus", String.class);
    public static final Variable<Integer> SNAPSHOT_PROGRESS = Variable.of("snapshotProgress", Integer.class);
    public static final Variable<Boolean> SNAPSHOT_AVAILABLE = Variable.of("snapshotAvailable", Boolean.class);

    public static final Variable<String> MEDIA_BUCKET_ENCRYPTION = Variable.of("mediaBucketEncryption", String.class);

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
