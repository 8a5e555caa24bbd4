package dev.cutover.aws.route53;

import dev.cutover.step.Ensured;
import java.util.List;
import java.util.Optional;

/** DNS in Route53, in the runbook's words. Hosted-zone ids are given without {@code /hostedzone/}. */
public interface Route53Port {

    /**
     * Makes these records exist with these values (UPSERT of only those that differ). The value
     * is the change id ({@code C…}) to follow, or empty when nothing had to change.
     */
    Ensured<Optional<String>> ensureRecords(String hostedZoneId, List<DnsRecord> records);

    /**
     * Setup alias from the apex to the redirect bucket: an alias A record {@code name} to the S3
     * website endpoint of {@code bucketRegion} (hosted-zone id of S3 websites per region).
     */
    Ensured<Optional<String>> ensureAliasToS3Website(String hostedZoneId, String name, String bucketRegion);

    /** {@code PENDING} or {@code INSYNC}. */
    String changeStatus(String changeId);

    /**
     * The record of that name and type, if the zone has one: an alias as its target's DNS name with
     * TTL 0, a record set of several values with one value a line. Names are given and reported
     * without the trailing dot.
     */
    Optional<DnsRecord> record(String hostedZoneId, String name, String type);
}
