package dev.cutover.aws.rds;

/**
 * An RDS instance as DescribeDBInstances reports it: its status ({@code available},
 * {@code resetting-master-credentials}, {@code modifying}, …), whether it is publicly accessible,
 * whether a new master password is still being applied, and the host its clients connect to.
 */
public record DbInstance(String id, String status, boolean publiclyAccessible, boolean passwordChangePending,
        String endpointAddress) {

    static final String AVAILABLE = "available";
    static final String RESETTING_MASTER_CREDENTIALS = "resetting-master-credentials";
    static final String MODIFYING = "modifying";

    public boolean available() {
        return AVAILABLE.equals(status);
    }

    /** RDS is applying a new master password ({@code resetting-master-credentials}). */
    public boolean resettingCredentials() {
        return RESETTING_MASTER_CREDENTIALS.equals(status);
    }
}
