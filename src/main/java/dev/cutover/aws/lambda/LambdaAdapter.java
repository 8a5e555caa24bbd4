package dev.cutover.aws.lambda;

import dev.cutover.step.StepFailedException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * {@link LambdaPort} on the AWS SDK's {@link LambdaClient}. Values of the environment pass through
 * memory only: Lambda's own exceptions for an update are not passed on, since some quote the
 * environment they measured; their message is, with every value taken out.
 */
class LambdaAdapter implements LambdaPort {

    private static final String REDACTED = "****";
    // Lambda's "exceeded the 4KB limit" error quotes the whole environment after these words
    private static final String QUOTED_ENVIRONMENT = "String measured";

    private final LambdaClient lambda;

    LambdaAdapter(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public Set<String> environmentVariableNames(String functionName) {
        return Collections.unmodifiableSet(new TreeSet<>(variables(configuration(functionName)).keySet()));
    }

    @Override
    public boolean updateEnvironment(String functionName, Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " of Lambda function '"
                        + functionName + "' needs a value");
            }
        });
        GetFunctionConfigurationResponse current = configuration(functionName);
        if (current.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS) {
            throw updateInProgress(functionName);
        }
        Map<String, String> variables = variables(current);
        Map<String, String> merged = new TreeMap<>(variables);
        merged.putAll(changes);
        if (merged.equals(variables)) {
            return false;
        }
        try {
            // the revision id makes Lambda refuse the update if the function changed since we read it
            lambda.updateFunctionConfiguration(request -> request
                    .functionName(functionName)
                    .environment(environment -> environment.variables(merged))
                    .revisionId(current.revisionId()));
            return true;
        } catch (ResourceConflictException e) {
            throw updateInProgress(functionName);
        } catch (PreconditionFailedException e) {
            throw new IllegalStateException("Lambda function '" + functionName + "' changed after its configuration"
                    + " was read (revision " + current.revisionId() + "); the environment is merged again on retry");
        } catch (LambdaException e) {
            String message = "Lambda did not update the environment of function '" + functionName + "' ("
                    + changes.keySet() + "): " + said(e, merged);
            if (e instanceof ResourceNotFoundException || e.statusCode() == 400) {
                throw new StepFailedException(message);
            }
            throw new IllegalStateException(message);
        }
    }

    @Override
    public String lastUpdateStatus(String functionName) {
        String status = configuration(functionName).lastUpdateStatusAsString();
        // functions created before Lambda tracked updates report none: nothing is in progress
        return status == null ? LastUpdateStatus.SUCCESSFUL.toString() : status;
    }

    private GetFunctionConfigurationResponse configuration(String functionName) {
        try {
            return lambda.getFunctionConfiguration(request -> request.functionName(functionName));
        } catch (ResourceNotFoundException e) {
            throw new StepFailedException("Lambda has no function '" + functionName + "': "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }

    private static Map<String, String> variables(GetFunctionConfigurationResponse configuration) {
        EnvironmentResponse environment = configuration.environment();
        if (environment == null || !environment.hasVariables()) {
            return Map.of();
        }
        return environment.variables();
    }

    private static RuntimeException updateInProgress(String functionName) {
        return new IllegalStateException("Lambda function '" + functionName
                + "' has an update in progress (ResourceConflictException); its environment is updated on retry");
    }

    private static String said(LambdaException e, Map<String, String> values) {
        AwsErrorDetails details = e.awsErrorDetails();
        String message = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        int quoted = message.indexOf(QUOTED_ENVIRONMENT);
        if (quoted >= 0) {
            message = message.substring(0, quoted).trim();
        }
        for (String value : values.values()) {
            if (value != null && !value.isEmpty()) {
                message = message.replace(value, REDACTED);
            }
        }
        String code = details == null ? null : details.errorCode();
        return code + ": " + message + " (status " + e.statusCode() + ", request " + e.requestId() + ")";
    }
}
