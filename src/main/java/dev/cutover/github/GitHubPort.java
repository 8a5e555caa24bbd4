package dev.cutover.github;

/** GitHub, in the runbook's words. */
public interface GitHubPort {

    /** Confirm the Lambda branch is up to date: compares {@code head} with {@code base} in the repository (owner/name). */
    BranchComparison compare(String repository, String base, String head);
}
