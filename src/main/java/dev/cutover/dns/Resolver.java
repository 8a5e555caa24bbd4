package dev.cutover.dns;

import dev.cutover.plan.MigrationPlan;
import java.util.List;

/** A DNS resolver to ask, by the name the report shows for it: a public one (8.8.8.8:53) or the rehearsal's. */
public record Resolver(String name, String host, int port) {

    /** The plan's resolvers ({@code cutover.plan.dns.resolvers}). */
    public static List<Resolver> of(MigrationPlan.Dns dns) {
        return dns.resolvers().stream().map(r -> new Resolver(r.name(), r.host(), r.port())).toList();
    }

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ")";
    }
}
