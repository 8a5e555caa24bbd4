package dev.cutover.aws.iam;

/**
 * A new access key. The secret is returned once by IAM and must go straight to where it is used
 * (an AWX credential, Secrets Manager): never a process variable, a log line or the ledger.
 */
public record AccessKey(String userName, String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "AccessKey[" + userName + ", " + accessKeyId + ", secret withheld]";
    }
}
