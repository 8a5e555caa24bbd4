package dev.cutover.aws.route53;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where an alias to an S3 website bucket points, per bucket region: the S3 website hosted-zone id
 * (AWS General Reference, "Amazon S3 website endpoints") and the endpoint's DNS name, which older
 * regions spell with a dash ({@code s3-website-us-east-1}) and newer ones with a dot
 * ({@code s3-website.eu-central-1}).
 */
final class S3WebsiteEndpoints {

    private static final Map<String, String> HOSTED_ZONE_IDS = new TreeMap<>(Map.ofEntries(
            Map.entry("us-east-1", "Z3AQBSTGFYJSTF"),
            Map.entry("us-east-2", "Z2O1EMRO9K5GLX"),
            Map.entry("us-west-1", "Z2F56UZL2M1ACD"),
            Map.entry("us-west-2", "Z3BJ6K6RIION7M"),
            Map.entry("ca-central-1", "Z1QDHH18159H29"),
            Map.entry("sa-east-1", "Z7KQH4QJS55SO"),
            Map.entry("eu-west-1", "Z1BKCTXD74EZPE"),
            Map.entry("eu-west-2", "Z3GKZC51ZF0DB4"),
            Map.entry("eu-west-3", "Z3R1K369G5AVDG"),
            Map.entry("eu-central-1", "Z21DNDUVLTQW6Q"),
            Map.entry("eu-north-1", "Z3BAZG2TWCNX0D"),
            Map.entry("eu-south-1", "Z30OZKI7KPW7MI"),
            Map.entry("ap-south-1", "Z11RGJOFQNVJUP"),
            Map.entry("ap-southeast-1", "Z3O0J2DXBE1FTB"),
            Map.entry("ap-southeast-2", "Z1WCIGYICN2BYD"),
            Map.entry("ap-northeast-1", "Z2M4EHUR26P7ZW"),
            Map.entry("ap-northeast-2", "Z3W03O7B5YMIYP"),
            Map.entry("ap-northeast-3", "Z2YQB5RD63NC85"),
            Map.entry("ap-east-1", "ZNB98KWMFR0R6"),
            Map.entry("af-south-1", "Z83WF9RJE8B12"),
            Map.entry("me-south-1", "Z1MPMWCPA7YB62")));

    private static final Set<String> DASH_FORM = Set.of(
            "us-east-1", "us-west-1", "us-west-2", "eu-west-1",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    private S3WebsiteEndpoints() {
    }

    static String hostedZoneId(String region) {
        String id = HOSTED_ZONE_IDS.get(region);
        if (id == null) {
            throw new IllegalArgumentException("No S3 website hosted-zone id is known for region '" + region
                    + "', so no alias to a bucket there can be made; known regions: "
                    + String.join(", ", HOSTED_ZONE_IDS.keySet()));
        }
        return id;
    }

    static String dnsName(String region) {
        hostedZoneId(region);
        return (DASH_FORM.contains(region) ? "s3-website-" : "s3-website.") + region + ".amazonaws.com";
    }
}
