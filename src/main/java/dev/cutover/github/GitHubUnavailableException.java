package dev.cutover.github;

/** GitHub did not answer, failed on its side (5xx) or rate-limits the token for now: worth a retry. */
class GitHubUnavailableException extends RuntimeException {

    GitHubUnavailableException(String message) {
        super(message);
    }

    GitHubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
