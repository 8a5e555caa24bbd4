package dev.cutover.aws.lambda;

import dev.cutover.step.StepFailedException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** {@link LambdaPort} on the AWS SDK's {@link LambdaClient}: reads names and lets the values go. */
class LambdaAdapter implements LambdaPort {

    private final LambdaClient lambda;

    LambdaAdapter(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public Set<String> environmentVariableNames(String functionName) {
        EnvironmentResponse environment;
        try {
            environment = lambda.getFunctionConfiguration(request -> request.functionName(functionName)).environment();
        } catch (ResourceNotFoundException e) {
            throw new StepFailedException("Lambda has no function '" + functionName + "': "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        if (environment == null || !environment.hasVariables()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new TreeSet<>(environment.variables().keySet()));
    }
}
