package dev.cutover.aws.secrets;

import dev.cutover.step.StepFailedException;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@link SecretStorePort} on the AWS SDK's {@link SecretsManagerClient}. Values travel only in
 * request and response bodies, which the SDK redacts from its toString and logs; messages here
 * name secrets, never their values.
 */
class SecretsManagerAdapter implements SecretStorePort {

    static final String CURRENT = "AWSCURRENT";
    /** Characters RDS refuses in a master password, and the space. */
    static final String NOT_IN_PASSWORDS = "/@\"' \\";

    private final SecretsManagerClient secrets;

    SecretsManagerAdapter(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    @Override
    public String keep(String name, String value) {
        try {
            return putValue(name, value);
        } catch (ResourceNotFoundException missing) {
            return create(name, value);
        } catch (InvalidRequestException e) {
            throw refused(name, e);
        }
    }

    private String putValue(String name, String value) {
        // a token of our own per call: a value kept again becomes the current version again
        return secrets.putSecretValue(request -> request
                        .secretId(name)
                        .secretString(value)
                        .clientRequestToken(UUID.randomUUID().toString()))
                .arn();
    }

    private String create(String name, String value) {
        try {
            return secrets.createSecret(request -> request
                            .name(name)
                            .secretString(value)
                            .clientRequestToken(UUID.randomUUID().toString()))
                    .arn();
        } catch (ResourceExistsException raced) {
            // created by an earlier attempt after our PutSecretValue
            return putValue(name, value);
        } catch (InvalidRequestException e) {
            throw refused(name, e);
        }
    }

    private static StepFailedException refused(String name, InvalidRequestException e) {
        // e.g. the secret is scheduled for deletion: a person must restore it or pick another name
        return new StepFailedException("Secrets Manager refused to keep a new value of secret '" + name + "': "
                + e.awsErrorDetails().errorMessage(), e);
    }

    @Override
    public String read(String arnOrName) {
        try {
            String value = secrets.getSecretValue(request -> request.secretId(arnOrName).versionStage(CURRENT))
                    .secretString();
            if (value == null) {
                throw new IllegalStateException("Secret '" + arnOrName + "' holds binary data, not a string");
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw new StepFailedException("Secrets Manager has no secret '" + arnOrName + "' with a "
                    + CURRENT + " version", e);
        }
    }

    @Override
    public String randomPassword(int length) {
        return secrets.getRandomPassword(request -> request
                        .passwordLength((long) length)
                        .excludeCharacters(NOT_IN_PASSWORDS))
                .randomPassword();
    }
}
