package dev.cutover.rehearsal;

/** Key ids the simulated world starts with, shared by the twins that must agree on them. */
public final class RehearsalKeys {

    /**
     * The Tower user's access key: IAM has it, and Tower's AWS credential holds it (the runbook
     * marks "Create tower AMI user, update credentials on Tower" done).
     */
    public static final String TOWER_USER_KEY_ID = "AKIAREHEARSALTOWER01";

    private RehearsalKeys() {
    }
}
