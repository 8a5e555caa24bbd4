package dev.cutover.github;

/** GitHub's compare of two branches: status identical, ahead, behind or diverged. */
public record BranchComparison(String base, String head, String status, int aheadBy, int behindBy) {

    /** The head has everything the base has. */
    public boolean upToDate() {
        return behindBy == 0;
    }
}
