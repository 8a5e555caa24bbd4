package dev.cutover.aws.secrets;

/**
 * Where secrets are kept (AWS Secrets Manager): the process and the ledger hold only the ARN a
 * secret is kept under; adapters read the value when they need it.
 */
public interface SecretStorePort {

    /** Keeps {@code value} as the current version of the secret {@code name} (created if missing); its ARN. */
    String keep(String name, String value);

    /** The current value of the secret with this ARN or name. */
    String read(String arnOrName);

    /** A random password RDS accepts (no / @ " ' \ or space). */
    String randomPassword(int length);
}
