package dev.cutover.aws.route53;

import static dev.cutover.aws.route53.RecordNames.changeId;
import static dev.cutover.aws.route53.RecordNames.fqdn;
import static dev.cutover.aws.route53.RecordNames.plain;
import static dev.cutover.aws.route53.RecordNames.sameValue;
import static dev.cutover.aws.route53.RecordNames.type;
import static dev.cutover.aws.route53.RecordNames.value;
import static dev.cutover.aws.route53.RecordNames.zoneId;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** {@link Route53Port} on the AWS SDK's {@link Route53Client}. */
class Route53Adapter implements Route53Port {

    private final Route53Client route53;

    Route53Adapter(Route53Client route53) {
        this.route53 = route53;
    }

    @Override
    public Ensured<Optional<String>> ensureRecords(String hostedZoneId, List<DnsRecord> records) {
        String zone = zoneId(hostedZoneId);
        List<Change> upserts = new ArrayList<>();
        for (DnsRecord wanted : RecordNames.oneEach(records)) {
            boolean same = current(zone, wanted.name(), wanted.type())
                    .filter(set -> sameRecord(set, wanted))
                    .isPresent();
            if (!same) {
                upserts.add(upsert(ResourceRecordSet.builder()
                        .name(fqdn(wanted.name()))
                        .type(wanted.type())
                        .ttl(wanted.ttl())
                        .resourceRecords(ResourceRecord.builder().value(wanted.value()).build())
                        .build()));
            }
        }
        if (upserts.isEmpty()) {
            return Ensured.alreadyDone(Optional.empty());
        }
        return Ensured.changed(Optional.of(submit(zone, upserts, "Cutover: ensure records")));
    }

    @Override
    public Ensured<Optional<String>> ensureAliasToS3Website(String hostedZoneId, String name, String bucketRegion) {
        String zone = zoneId(hostedZoneId);
        AliasTarget wanted = AliasTarget.builder()
                .hostedZoneId(S3WebsiteEndpoints.hostedZoneId(bucketRegion))
                .dnsName(S3WebsiteEndpoints.dnsName(bucketRegion))
                .evaluateTargetHealth(false)
                .build();
        boolean same = current(zone, name, "A")
                .map(ResourceRecordSet::aliasTarget)
                .filter(alias -> sameAlias(alias, wanted))
                .isPresent();
        if (same) {
            return Ensured.alreadyDone(Optional.empty());
        }
        ResourceRecordSet alias = ResourceRecordSet.builder()
                .name(fqdn(name))
                .type(RRType.A)
                .aliasTarget(wanted)
                .build();
        return Ensured.changed(Optional.of(submit(zone, List.of(upsert(alias)),
                "Cutover: alias " + plain(name) + " to the S3 website endpoint in " + bucketRegion)));
    }

    @Override
    public String changeStatus(String changeId) {
        String id = changeId(changeId);
        try {
            return route53.getChange(request -> request.id(id)).changeInfo().statusAsString();
        } catch (NoSuchChangeException e) {
            throw new IllegalStateException("Route53 has no change '" + id + "': " + message(e), e);
        }
    }

    @Override
    public Optional<DnsRecord> record(String hostedZoneId, String name, String type) {
        return current(zoneId(hostedZoneId), name, type).map(Route53Adapter::toRecord);
    }

    private Optional<ResourceRecordSet> current(String zone, String name, String type) {
        String wantedName = plain(name);
        String wantedType = type(type);
        try {
            // record sets are listed in name-then-type order from the start given: the first is ours, if any
            return route53.listResourceRecordSets(request -> request
                            .hostedZoneId(zone)
                            .startRecordName(fqdn(name))
                            .startRecordType(wantedType)
                            .maxItems("1"))
                    .resourceRecordSets().stream()
                    .filter(set -> plain(set.name()).equals(wantedName) && wantedType.equals(set.typeAsString()))
                    .findFirst();
        } catch (NoSuchHostedZoneException e) {
            throw noZone(zone, e);
        }
    }

    private String submit(String zone, List<Change> changes, String comment) {
        try {
            return changeId(route53.changeResourceRecordSets(request -> request
                            .hostedZoneId(zone)
                            .changeBatch(batch -> batch.comment(comment).changes(changes)))
                    .changeInfo().id());
        } catch (NoSuchHostedZoneException e) {
            throw noZone(zone, e);
        } catch (InvalidChangeBatchException | InvalidInputException e) {
            throw new StepFailedException("Route53 refused the change to hosted zone '" + zone + "' ("
                    + describe(changes) + "): " + message(e), e);
        }
    }

    private static Change upsert(ResourceRecordSet set) {
        return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(set).build();
    }

    private static boolean sameRecord(ResourceRecordSet current, DnsRecord wanted) {
        return current.aliasTarget() == null
                && current.ttl() != null && current.ttl() == wanted.ttl()
                && current.resourceRecords().size() == 1
                && sameValue(wanted.type(), current.resourceRecords().get(0).value(), wanted.value());
    }

    private static boolean sameAlias(AliasTarget current, AliasTarget wanted) {
        return current.hostedZoneId().equalsIgnoreCase(wanted.hostedZoneId())
                && plain(current.dnsName()).equals(plain(wanted.dnsName()))
                && !Boolean.TRUE.equals(current.evaluateTargetHealth());
    }

    private static DnsRecord toRecord(ResourceRecordSet set) {
        String type = set.typeAsString();
        if (set.aliasTarget() != null) {
            return new DnsRecord(plain(set.name()), type, plain(set.aliasTarget().dnsName()), 0);
        }
        String values = set.resourceRecords().stream()
                .map(record -> value(type, record.value()))
                .collect(Collectors.joining("\n"));
        return new DnsRecord(plain(set.name()), type, values, set.ttl() == null ? 0 : set.ttl());
    }

    private static String describe(List<Change> changes) {
        return changes.stream()
                .map(change -> change.actionAsString() + " " + plain(change.resourceRecordSet().name()) + " "
                        + change.resourceRecordSet().typeAsString())
                .collect(Collectors.joining(", "));
    }

    private static StepFailedException noZone(String zone, AwsServiceException e) {
        return new StepFailedException("Route53 has no hosted zone '" + zone + "': " + message(e), e);
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage()
                : e.getMessage();
    }
}
