package dev.cutover.aws.rds;

/** What RDS for PostgreSQL takes as a master password; checked before a password leaves the process. */
final class MasterPassword {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    private static final String REFUSED = "/\"@";

    private MasterPassword() {
    }

    /** Refuses, without quoting it, a password RDS would reject. */
    static void check(String instanceId, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the new master password for RDS instance '" + instanceId
                    + "' must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        boolean acceptable = password.chars().allMatch(c -> c > ' ' && c <= '~' && REFUSED.indexOf(c) < 0);
        if (!acceptable) {
            throw new IllegalArgumentException("the new master password for RDS instance '" + instanceId
                    + "' must be printable ASCII without / \" @ or spaces");
        }
    }
}
