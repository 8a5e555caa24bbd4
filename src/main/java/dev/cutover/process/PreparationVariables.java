package dev.cutover.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Before Day 0's preparation runs its branches side by side (non-exclusive jobs). Each branch
 * records what it found in the run's variables; a variable created from one branch updates the
 * process instance's execution, so two branches creating theirs at the same moment would collide
 * and one would run again. Declared here, empty, as the branches start
 * ({@code ${preparationVariables.declare(execution)}} on the fork), each branch only updates its own.
 */
@Component("preparationVariables")
public class PreparationVariables {

    static final List<Variable<?>> OF_THE_BRANCHES = List.of(
            Vars.SENTRY_DSN_SET, Vars.LAMBDA_FUNCTION, Vars.SENTRY_DSN_VARIABLE,
            Vars.QUOTA_REQUEST_ID, Vars.QUOTA_REQUEST_STATUS, Vars.QUOTA_STATE, Vars.ELASTIC_IP_LIMIT,
            Vars.CERTIFICATE_ARN, Vars.CERTIFICATE_STATUS, Vars.CERTIFICATE_ISSUED,
            Vars.TOWER_INVENTORY, Vars.ZAPPA_COMMAND_TEMPLATE, Vars.TOWER_USER_KEY_ID,
            Vars.OLD_URL_FINDINGS, Vars.OLD_URL_PAGES_VISITED, Vars.OLD_URL_SEARCH_COMPLETE,
            Vars.READ_REPLICA_COUNT, Vars.READ_REPLICAS, Vars.INTERIM_HEROKU_KEY_ID);

    /** Each branch's variable, empty where the run does not have it yet. */
    public void declare(DelegateExecution execution) {
        DelegateExecution run = execution.getProcessInstance();
        for (Variable<?> variable : OF_THE_BRANCHES) {
            if (!run.hasVariableLocal(variable.name())) {
                run.setVariableLocal(variable.name(), null);
            }
        }
    }
}
