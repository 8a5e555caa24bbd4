package dev.cutover.github;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of GitHub: the plan's repository, whose Lambda branch has everything its base
 * branch has and {@value #LAMBDA_AHEAD_BY} commits more ({@code ahead}). The fault
 * {@code github.behind} makes the next compare find the base {@value #BEHIND_BY} commits further
 * on ({@code diverged}); {@code github.outage} fails the next call as a 503 would.
 */
@Component
@Profile("rehearsal")
class SimulatedGitHub implements GitHubPort, WorldPart {

    static final String SYSTEM = "github";
    static final int LAMBDA_AHEAD_BY = 4;
    static final int BEHIND_BY = 3;

    private static final int KEPT_COMPARISONS = 20;

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final MigrationPlan.GitHub plan;

    SimulatedGitHub(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.plan = plan.github();
    }

    @Override
    public BranchComparison compare(String repository, String base, String head) {
        faults.outage("github.outage", "GitHub answered 503 Service Unavailable");
        boolean baseMovedOn = faults.trip("github.behind");
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            if (!state.repository.equalsIgnoreCase(repository)
                    || !state.branches.containsKey(base) || !state.branches.containsKey(head)) {
                throw new StepFailedException("Comparing branch '" + head + "' with '" + base
                        + "' in GitHub repository " + repository + ": GitHub found nothing to compare (404 Not Found:"
                        + " Not Found). Check that " + repository + " exists with branches '" + base + "' and '"
                        + head + "', or the token cannot see the repository.");
            }
            BranchState from = state.branches.get(base);
            BranchState to = state.branches.get(head);
            int aheadBy = Math.max(0, to.aheadOfDefault - from.aheadOfDefault);
            int behindBy = Math.max(0, from.aheadOfDefault - to.aheadOfDefault) + (baseMovedOn ? BEHIND_BY : 0);
            BranchComparison comparison = new BranchComparison(base, head, statusOf(aheadBy, behindBy), aheadBy,
                    behindBy);
            state.comparisons.add(new ComparisonState(now, comparison));
            if (state.comparisons.size() > KEPT_COMPARISONS) {
                state.comparisons.remove(0);
            }
            return comparison;
        });
    }

    private static String statusOf(int aheadBy, int behindBy) {
        if (aheadBy > 0 && behindBy > 0) {
            return "diverged";
        }
        if (aheadBy > 0) {
            return "ahead";
        }
        return behindBy > 0 ? "behind" : "identical";
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Map<String, Object> branches = new LinkedHashMap<>();
        state.branches.forEach((name, branch) -> branches.put(name, name.equals(state.defaultBranch)
                ? Map.of("default", true)
                : Map.of("aheadOf", state.defaultBranch, "aheadBy", branch.aheadOfDefault, "behindBy", 0)));
        List<Map<String, Object>> comparisons = new ArrayList<>();
        state.comparisons.forEach(done -> comparisons.add(Map.of(
                "at", done.at.toString(),
                "base", done.base,
                "head", done.head,
                "status", done.status,
                "aheadBy", done.aheadBy,
                "behindBy", done.behindBy)));
        return Map.of("repository", state.repository, "branches", branches, "comparisons", comparisons);
    }

    private State initial() {
        State state = new State();
        state.repository = plan.repositoryNamed() ? plan.repository() : "";
        state.defaultBranch = plan.baseBranch();
        state.branches.put(plan.baseBranch(), new BranchState(0));
        state.branches.put(plan.lambdaBranch(), new BranchState(LAMBDA_AHEAD_BY));
        return state;
    }

    static class State {
        String repository;
        String defaultBranch;
        Map<String, BranchState> branches = new LinkedHashMap<>();
        List<ComparisonState> comparisons = new ArrayList<>();
    }

    /** A branch made from the default branch's tip, with commits of its own on top. */
    static class BranchState {
        int aheadOfDefault;

        BranchState() {
        }

        BranchState(int aheadOfDefault) {
            this.aheadOfDefault = aheadOfDefault;
        }
    }

    static class ComparisonState {
        Instant at;
        String base;
        String head;
        String status;
        int aheadBy;
        int behindBy;

        ComparisonState() {
        }

        ComparisonState(Instant at, BranchComparison comparison) {
            this.at = at;
            this.base = comparison.base();
            this.head = comparison.head();
            this.status = comparison.status();
            this.aheadBy = comparison.aheadBy();
            this.behindBy = comparison.behindBy();
        }
    }
}
