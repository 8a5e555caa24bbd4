package dev.cutover.delegate;

import dev.cutover.github.BranchComparison;
import dev.cutover.github.GitHubPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Confirm the Lambda branch is up to date: GitHub's compare when the plan names the repository, else a person. */
@Component("confirmLambdaBranch")
class ConfirmLambdaBranch extends Step {

    private final GitHubPort github;
    private final MigrationPlan plan;

    ConfirmLambdaBranch(Ledger ledger, GitHubPort github, MigrationPlan plan) {
        super(ledger);
        this.github = github;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.GitHub repo = plan.github();
        if (!repo.repositoryNamed()) {
            step.set(Vars.LAMBDA_BRANCH_UP_TO_DATE, false);
            step.set(Vars.LAMBDA_BRANCH_CHECK, "The plan names no repository: confirm by hand that "
                    + repo.lambdaBranch() + " has everything " + repo.baseBranch() + " has.");
            ledger.record(step.record(Outcome.CHECKED, "no repository in the plan: handed to the operators", Map.of()));
            return;
        }
        BranchComparison comparison = github.compare(repo.repository(), repo.baseBranch(), repo.lambdaBranch());
        String found = repo.repository() + ": " + repo.lambdaBranch() + " is " + comparison.status() + " ("
                + comparison.aheadBy() + " ahead, " + comparison.behindBy() + " behind " + repo.baseBranch() + ")";
        step.set(Vars.LAMBDA_BRANCH_UP_TO_DATE, comparison.upToDate());
        step.set(Vars.LAMBDA_BRANCH_CHECK, found);
        ledger.record(step.record(Outcome.CHECKED, found + (comparison.upToDate() ? "" : ": handed to the operators"),
                Map.of()));
    }
}
