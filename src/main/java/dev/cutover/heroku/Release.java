package dev.cutover.heroku;

import java.time.Instant;

/**
 * One release of a Heroku app as the Platform API lists it: its version ({@code v212} is 212), the
 * slug it runs (the code; a config var change keeps the slug), what it was and when.
 */
public record Release(String id, int version, String slugId, String description, Instant createdAt) {

    /** Same code as {@code other}: the same slug. */
    public boolean sameCodebaseAs(String otherSlugId) {
        return slugId != null && slugId.equals(otherSlugId);
    }

    public String label() {
        return "v" + version;
    }
}
