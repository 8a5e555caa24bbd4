package dev.cutover.aws.lambda;

import java.util.Map;
import java.util.Set;

/** The Lambda function Zappa deployed, in the runbook's words. */
public interface LambdaPort {

    /** The names (never the values) of the function's environment variables. */
    Set<String> environmentVariableNames(String functionName);

    /**
     * Repoint the app: sets these environment variables on the function (merged with the others),
     * waiting for no update to be in progress first. The wait is the engine's: while an update is in
     * progress (or another one wins the race) this throws a plain, retryable exception; poll
     * {@link #lastUpdateStatus} before calling, so a retry's interval does not add to the downtime.
     * Variables that already hold these values are no change: nothing is sent. Values are never
     * logged nor quoted in an exception.
     *
     * @return whether the function's environment was changed (false: it held these values already)
     * @throws dev.cutover.step.StepFailedException when there is no such function or Lambda refuses
     *     the environment (too large, a reserved name)
     */
    boolean updateEnvironment(String functionName, Map<String, String> changes);

    /**
     * Whether the function's last update finished ({@code Successful}), is {@code InProgress}, or
     * {@code Failed}.
     *
     * @throws dev.cutover.step.StepFailedException when there is no such function
     */
    String lastUpdateStatus(String functionName);
}
