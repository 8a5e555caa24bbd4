package dev.cutover.aws.iam;

import dev.cutover.step.Ensured;
import java.util.List;
import java.util.Map;

/** IAM users, in the runbook's words. */
public interface IamPort {

    /** Makes the user exist with this managed policy attached (tags on creation). */
    Ensured<String> ensureUser(String userName, String policyArn, Map<String, String> tags);

    /** The ids of the user's access keys, oldest first. */
    List<String> accessKeyIds(String userName);

    /** A new access key; see {@link AccessKey} for where its secret may go. */
    AccessKey createAccessKey(String userName);

    /** Deactivates, then deletes the key; a key already gone is fine. */
    void deleteAccessKey(String userName, String accessKeyId);

    /** Removes keys and policies, then the user; a user already gone is "already done". */
    Ensured<String> ensureUserDeleted(String userName);
}
