package dev.cutover.dns;

import java.util.List;

/**
 * What one resolver answered: the values as {@code dig +short} prints them (a CNAME chain's targets,
 * then the addresses; names without the trailing dot), the lowest TTL among them, the outcome
 * ({@code SUCCESSFUL}, {@code HOST_NOT_FOUND}, {@code TYPE_NOT_FOUND}, {@code TRY_AGAIN: …},
 * {@code UNRECOVERABLE: …}, {@code timeout}, or {@code error: …}) and whether it is the expected one.
 */
public record ResolverAnswer(String resolver, List<String> values, long ttl, String result, boolean matches) {

    public ResolverAnswer {
        values = List.copyOf(values);
    }
}
