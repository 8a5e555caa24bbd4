package dev.cutover.aws.lambda;

import java.util.Set;

/** The Lambda function Zappa deployed, in the runbook's words. */
public interface LambdaPort {

    /** The names (never the values) of the function's environment variables. */
    Set<String> environmentVariableNames(String functionName);
}
