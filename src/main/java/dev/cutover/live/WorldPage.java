package dev.cutover.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.live.WorldReading.Section;
import dev.cutover.live.WorldReading.Table;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Reads the rehearsal's world ({@code GET /api/rehearsal/world}, the same views) into sections a
 * person can read at a glance: where each name points, Heroku's dynos, the endpoints, RDS, buckets,
 * AWX jobs, Pingdom, and the world's changes in time order.
 */
@Component
@Profile("rehearsal")
class WorldPage {

    private static final int CHANGES_SHOWN = 60;

    private final List<WorldPart> parts;
    private final WorldStore world;

    WorldPage(List<WorldPart> parts, WorldStore world) {
        this.parts = parts;
        this.world = world;
    }

    WorldReading read() {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        parts.stream().sorted(Comparator.comparing(WorldPart::system))
                .forEach(part -> views.put(part.system(), world.toTree(part.view())));
        List<Section> sections = new ArrayList<>();
        sections.add(dns(views));
        sections.add(heroku(views.get("heroku")));
        sections.add(endpoints(views.get("twilio"), views.get("mailgun")));
        sections.add(rds(views.get("rds")));
        sections.add(buckets(views.get("s3")));
        sections.add(tower(views.get("tower")));
        sections.add(pingdom(views.get("pingdom")));
        sections.add(sites(views.get("hosting")));
        sections.add(faults(views.get("faults")));
        sections.add(changes(views));
        List<String> systems = views.keySet().stream()
                .filter(system -> !List.of("faults", "hosting", "dns", "site-search").contains(system)).toList();
        return new WorldReading(sections, systems);
    }

    private Section dns(Map<String, JsonNode> views) {
        List<Table> tables = new ArrayList<>();
        List<List<String>> answers = new ArrayList<>();
        fields(at(views.get("dns"), "answers")).forEach((name, byType) -> answers.add(List.of(name,
                join(at(byType, "A", "answer")), join(at(byType, "CNAME", "answer")))));
        tables.add(new Table("What the rehearsal's resolver answers", List.of("name", "A", "CNAME"), answers));
        fields(views.get("namecheap")).forEach((zone, found) -> tables.add(new Table("Namecheap: " + zone,
                List.of("host", "type", "address", "TTL"), rows(at(found, "records"), "name", "type", "address", "ttl"))));
        fields(at(views.get("route53"), "zones")).forEach((zone, found) -> tables.add(new Table("Route53: " + zone,
                List.of("name", "type", "value", "TTL"), rows(at(found, "records"), "name", "type", "value", "ttl"))));
        return new Section("world-dns", "Where each name points", tables);
    }

    private Section heroku(JsonNode heroku) {
        List<List<String>> apps = new ArrayList<>();
        fields(at(heroku, "apps")).forEach((name, app) -> {
            List<String> dynos = new ArrayList<>();
            fields(at(app, "formation")).forEach((type, formation) ->
                    dynos.add(type + "=" + text(formation.has("quantity") ? formation.get("quantity") : formation)));
            // names only: the values of config vars may be secrets
            List<String> vars = new ArrayList<>(fields(at(app, "configVars")).keySet());
            apps.add(List.of(name, String.join(", ", dynos), text(at(app, "maintenance")), text(at(app, "release")),
                    String.join(", ", vars)));
        });
        return new Section("world-heroku", "Heroku", List.of(new Table("Apps",
                List.of("app", "dynos", "maintenance", "release", "config vars (names)"), apps)));
    }

    private Section endpoints(JsonNode twilio, JsonNode mailgun) {
        List<List<String>> numbers = new ArrayList<>();
        fields(at(twilio, "incomingPhoneNumbers")).forEach((phone, number) -> numbers.add(List.of(phone,
                text(at(number, "voiceUrl")), text(at(number, "smsUrl")), text(at(number, "statusCallback")))));
        List<List<String>> routes = rows(at(mailgun, "routes"), "description", "expression", "actions");
        List<List<String>> webhooks = new ArrayList<>();
        fields(at(mailgun, "webhooks")).forEach((domain, hooks) -> fields(hooks).forEach((name, urls) ->
                webhooks.add(List.of(domain, name, join(urls)))));
        return new Section("world-endpoints", "Twilio and Mailgun endpoints", List.of(
                new Table("Twilio numbers", List.of("number", "voice URL", "SMS URL", "status callback"), numbers),
                new Table("Mailgun routes", List.of("description", "expression", "actions"), routes),
                new Table("Mailgun webhooks", List.of("domain", "webhook", "URLs"), webhooks)));
    }

    private Section rds(JsonNode rds) {
        List<List<String>> instances = new ArrayList<>();
        fields(at(rds, "instances")).forEach((id, instance) -> instances.add(List.of(id, text(at(instance, "status")),
                text(at(instance, "publiclyAccessible")), text(at(instance, "passwordVersion")),
                text(at(instance, "passwordChangePending")), text(at(instance, "postgresPort")))));
        List<List<String>> snapshots = new ArrayList<>();
        fields(at(rds, "snapshots")).forEach((id, snapshot) -> snapshots.add(List.of(id, text(at(snapshot, "status")),
                text(at(snapshot, "percentProgress")) + " %", text(at(snapshot, "requestedAt")))));
        return new Section("world-rds", "RDS", List.of(
                new Table("Instances", List.of("instance", "status", "public", "password version", "change pending",
                        "postgres port"), instances),
                new Table("Snapshots", List.of("snapshot", "status", "progress", "requested"), snapshots)));
    }

    private Section buckets(JsonNode s3) {
        List<List<String>> buckets = new ArrayList<>();
        fields(at(s3, "buckets")).forEach((name, bucket) -> buckets.add(bucket.path("deleted").asBoolean()
                ? List.of(name, "deleted " + text(at(bucket, "deletedAt")), text(at(bucket, "objectsHeld")) + " held", "", "")
                : List.of(name, "exists", text(at(bucket, "objects")), text(at(bucket, "encryption")),
                        text(at(bucket, "websiteRedirectsTo")))));
        return new Section("world-buckets", "S3 buckets", List.of(new Table("Buckets",
                List.of("bucket", "state", "objects", "default encryption", "website redirects to"), buckets)));
    }

    private Section tower(JsonNode tower) {
        List<List<String>> jobs = new ArrayList<>();
        fields(at(tower, "jobs")).forEach((id, job) -> jobs.add(List.of(id, text(at(job, "template")),
                text(at(job, "status")), text(at(job, "launchedAt")))));
        return new Section("world-tower", "AWX jobs", List.of(new Table("Jobs",
                List.of("job", "template", "status", "launched"), jobs)));
    }

    private Section pingdom(JsonNode pingdom) {
        return new Section("world-pingdom", "Pingdom", List.of(new Table("Checks", List.of("check", "URL", "status"),
                rows(at(pingdom, "checks"), "name", "url", "status"))));
    }

    private Section sites(JsonNode hosting) {
        JsonNode www = at(hosting, "www");
        List<List<String>> sites = List.of(
                List.of("www", text(at(www, "answers"))),
                List.of("Heroku", text(at(hosting, "heroku", "answers"))));
        return new Section("world-sites", "The sites", List.of(
                new Table("What they answer now", List.of("site", "answers"), sites),
                new Table("Outages visitors of www saw", List.of("from", "to", "seconds"),
                        rows(at(www, "outages"), "from", "to", "seconds"))));
    }

    private Section faults(JsonNode faults) {
        List<List<String>> armed = new ArrayList<>();
        fields(faults).forEach((target, left) -> armed.add(List.of(target, left.isObject()
                ? text(at(left, "times")) + " calls, " + text(at(left, "delay")) + " each" : text(left))));
        return new Section("world-faults", "Armed faults", List.of(new Table("Armed", List.of("target", "left"), armed)));
    }

    /** The world's changes in time order: what each system keeps with a time, and when each last changed. */
    private Section changes(Map<String, JsonNode> views) {
        List<Change> changes = new ArrayList<>();
        world.changedAt().forEach((system, at) -> changes.add(new Change(at.toString(), system, "last change")));
        fields(at(views.get("tower"), "jobs")).forEach((id, job) -> changes.add(new Change(text(at(job, "launchedAt")),
                "tower", "job " + id + " launched: " + text(at(job, "template")) + " (" + text(at(job, "status")) + ")")));
        fields(at(views.get("rds"), "snapshots")).forEach((id, snapshot) -> changes.add(new Change(
                text(at(snapshot, "requestedAt")), "rds", "snapshot " + id + " requested")));
        fields(at(views.get("route53"), "changes")).forEach((id, change) -> changes.add(new Change(
                text(at(change, "submittedAt")), "route53", "change " + id + ": " + text(at(change, "comment")))));
        each(at(views.get("hosting"), "www", "outages")).forEach(outage -> changes.add(new Change(
                text(at(outage, "from")), "hosting", "www down for " + text(at(outage, "seconds")) + " s")));
        changes.removeIf(change -> change.at().isEmpty());
        changes.sort(Comparator.comparing(Change::at).reversed());
        List<List<String>> rows = changes.stream().limit(CHANGES_SHOWN)
                .map(change -> List.of(change.at(), change.system(), change.what())).toList();
        return new Section("world-changes", "Changes, newest first", List.of(new Table("Changes",
                List.of("at", "system", "what"), rows)));
    }

    private record Change(String at, String system, String what) {}

    private static List<List<String>> rows(JsonNode array, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        each(array).forEach(item -> {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                row.add(text(at(item, field)));
            }
            rows.add(row);
        });
        return rows;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getValue());
            }
        }
        return fields;
    }

    private static List<JsonNode> each(JsonNode node) {
        return node == null || !node.isArray() ? List.of()
                : StreamSupport.stream(node.spliterator(), false).toList();
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null) {
                return null;
            }
            current = current.get(step);
        }
        return current;
    }

    private static String join(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            return String.join(", ", each(node).stream().map(WorldPage::text).toList());
        }
        return text(node);
    }

    /** A value as text, masked where it looks like a secret (credentials in a URL, a token=…). */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            return join(node);
        }
        return Redaction.redact(node.isValueNode() ? node.asText() : node.toString());
    }

}
