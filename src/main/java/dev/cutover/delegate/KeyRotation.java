package dev.cutover.delegate;

import dev.cutover.aws.iam.AccessKey;
import dev.cutover.aws.iam.IamPort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * An IAM user's key handed straight to where it is used (an AWX credential, Heroku's config
 * vars): its secret goes from IAM to the hand-over and nowhere else. Every other key of the user
 * is deleted afterwards, so an interrupted attempt leaves no stray key behind.
 */
@Component
class KeyRotation {

    private final IamPort iam;

    KeyRotation(IamPort iam) {
        this.iam = iam;
    }

    /** A new key for {@code user} (making room first: IAM allows two), handed over; the ids deleted. */
    Rotated rotate(String user, List<String> keys, Consumer<AccessKey> handOver) {
        List<String> deleted = new ArrayList<>();
        if (keys.size() >= 2) {
            iam.deleteAccessKey(user, keys.get(0));
            deleted.add(keys.get(0));
        }
        AccessKey key = iam.createAccessKey(user);
        handOver.accept(key);
        deleted.addAll(deleteAllBut(user, key.accessKeyId()));
        return new Rotated(key.accessKeyId(), deleted);
    }

    /** Deletes every key of {@code user} but {@code keyId}; the ids deleted. */
    List<String> deleteAllBut(String user, String keyId) {
        List<String> deleted = new ArrayList<>();
        for (String other : iam.accessKeyIds(user)) {
            if (!other.equals(keyId)) {
                iam.deleteAccessKey(user, other);
                deleted.add(other);
            }
        }
        return deleted;
    }

    record Rotated(String keyId, List<String> deleted) {}
}
