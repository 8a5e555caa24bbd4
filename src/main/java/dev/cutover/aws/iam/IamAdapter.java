package dev.cutover.aws.iam;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@link IamPort} on the AWS SDK's {@link IamClient}. */
class IamAdapter implements IamPort {

    static final int MAX_ACCESS_KEYS = 2;

    private final IamClient iam;

    IamAdapter(IamClient iam) {
        this.iam = iam;
    }

    /** The user's ARN. */
    @Override
    public Ensured<String> ensureUser(String userName, String policyArn, Map<String, String> tags) {
        boolean created = false;
        String arn;
        try {
            arn = iam.getUser(request -> request.userName(userName)).user().arn();
        } catch (NoSuchEntityException missing) {
            arn = createUser(userName, tags);
            created = true;
        }
        boolean attached = attachedPolicies(userName).stream()
                .anyMatch(policy -> policy.policyArn().equals(policyArn));
        if (!attached) {
            try {
                iam.attachUserPolicy(request -> request.userName(userName).policyArn(policyArn));
            } catch (NoSuchEntityException e) {
                throw new StepFailedException("IAM cannot attach policy '" + policyArn + "' to user '" + userName
                        + "': " + e.awsErrorDetails().errorMessage(), e);
            }
        }
        return created || !attached ? Ensured.changed(arn) : Ensured.alreadyDone(arn);
    }

    private String createUser(String userName, Map<String, String> tags) {
        try {
            return iam.createUser(request -> request.userName(userName).tags(toTags(tags))).user().arn();
        } catch (EntityAlreadyExistsException race) {
            // an earlier attempt created it after our GetUser
            return iam.getUser(request -> request.userName(userName)).user().arn();
        }
    }

    @Override
    public List<String> accessKeyIds(String userName) {
        return accessKeys(userName).stream().map(AccessKeyMetadata::accessKeyId).toList();
    }

    @Override
    public AccessKey createAccessKey(String userName) {
        List<String> existing = accessKeyIds(userName);
        if (existing.size() >= MAX_ACCESS_KEYS) {
            throw tooManyKeys(userName, existing, null);
        }
        try {
            var created = iam.createAccessKey(request -> request.userName(userName)).accessKey();
            return new AccessKey(created.userName(), created.accessKeyId(), created.secretAccessKey());
        } catch (LimitExceededException raced) {
            throw tooManyKeys(userName, accessKeyIds(userName), raced);
        }
    }

    private static StepFailedException tooManyKeys(String userName, List<String> keyIds, Exception cause) {
        String oldest = keyIds.isEmpty() ? "the oldest" : "the oldest (" + keyIds.get(0) + ")";
        return new StepFailedException("IAM user '" + userName + "' already has " + keyIds.size()
                + " access keys " + keyIds + ", the most IAM allows: delete " + oldest
                + " before creating a new one", cause);
    }

    @Override
    public void deleteAccessKey(String userName, String accessKeyId) {
        try {
            iam.updateAccessKey(request -> request.userName(userName).accessKeyId(accessKeyId)
                    .status(StatusType.INACTIVE));
            iam.deleteAccessKey(request -> request.userName(userName).accessKeyId(accessKeyId));
        } catch (NoSuchEntityException alreadyGone) {
            // the key (or its user) is gone: what deleting it wanted
        }
    }

    /** The user's name, whether deleted now or gone already. */
    @Override
    public Ensured<String> ensureUserDeleted(String userName) {
        try {
            iam.getUser(request -> request.userName(userName));
        } catch (NoSuchEntityException alreadyGone) {
            return Ensured.alreadyDone(userName);
        }
        accessKeys(userName).forEach(key -> ignoringMissing(() ->
                iam.deleteAccessKey(request -> request.userName(userName).accessKeyId(key.accessKeyId()))));
        attachedPolicies(userName).forEach(policy -> ignoringMissing(() ->
                iam.detachUserPolicy(request -> request.userName(userName).policyArn(policy.policyArn()))));
        iam.listUserPoliciesPaginator(request -> request.userName(userName)).policyNames()
                .forEach(name -> ignoringMissing(() ->
                        iam.deleteUserPolicy(request -> request.userName(userName).policyName(name))));
        iam.listGroupsForUserPaginator(request -> request.userName(userName)).groups()
                .forEach(group -> ignoringMissing(() ->
                        iam.removeUserFromGroup(request -> request.userName(userName).groupName(group.groupName()))));
        ignoringMissing(() -> iam.deleteLoginProfile(request -> request.userName(userName)));
        removeOtherCredentials(userName);
        try {
            iam.deleteUser(request -> request.userName(userName));
        } catch (NoSuchEntityException raced) {
            return Ensured.alreadyDone(userName);
        } catch (DeleteConflictException e) {
            throw new IllegalStateException("IAM user '" + userName + "' still has something attached after"
                    + " its keys, policies, groups and credentials were removed: " + e.awsErrorDetails().errorMessage(),
                    e);
        }
        return Ensured.changed(userName);
    }

    /** MFA devices, signing certificates, SSH keys and service credentials: each blocks DeleteUser. */
    private void removeOtherCredentials(String userName) {
        iam.listMFADevicesPaginator(request -> request.userName(userName)).mfaDevices()
                .forEach(device -> ignoringMissing(() -> iam.deactivateMFADevice(request -> request
                        .userName(userName).serialNumber(device.serialNumber()))));
        iam.listSigningCertificatesPaginator(request -> request.userName(userName)).certificates()
                .forEach(certificate -> ignoringMissing(() -> iam.deleteSigningCertificate(request -> request
                        .userName(userName).certificateId(certificate.certificateId()))));
        iam.listSSHPublicKeysPaginator(request -> request.userName(userName)).sshPublicKeys()
                .forEach(key -> ignoringMissing(() -> iam.deleteSSHPublicKey(request -> request
                        .userName(userName).sshPublicKeyId(key.sshPublicKeyId()))));
        iam.listServiceSpecificCredentials(request -> request.userName(userName)).serviceSpecificCredentials()
                .forEach(credential -> ignoringMissing(() -> iam.deleteServiceSpecificCredential(request -> request
                        .userName(userName).serviceSpecificCredentialId(credential.serviceSpecificCredentialId()))));
    }

    private List<AccessKeyMetadata> accessKeys(String userName) {
        return onExistingUser(userName, () -> iam.listAccessKeysPaginator(request -> request.userName(userName))
                .accessKeyMetadata().stream()
                .sorted(Comparator.comparing(AccessKeyMetadata::createDate))
                .toList());
    }

    private List<AttachedPolicy> attachedPolicies(String userName) {
        return onExistingUser(userName, () -> iam.listAttachedUserPoliciesPaginator(request -> request.userName(userName))
                .attachedPolicies().stream().toList());
    }

    private static <T> T onExistingUser(String userName, Supplier<T> call) {
        try {
            return call.get();
        } catch (NoSuchEntityException e) {
            throw new StepFailedException("IAM user '" + userName + "' does not exist", e);
        }
    }

    private static void ignoringMissing(Runnable call) {
        try {
            call.run();
        } catch (NoSuchEntityException alreadyGone) {
            // removed meanwhile, or never there (a user without a login profile)
        }
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        if (tags == null) {
            return List.of();
        }
        return new TreeMap<>(tags).entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }
}
