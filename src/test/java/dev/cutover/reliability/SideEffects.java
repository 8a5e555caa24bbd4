package dev.cutover.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, in the simulated world of one run (reset before it), each outside side effect the runbook
 * makes, as the outside systems recorded it: a snapshot per snapshot step, one Pingdom check, one IAM
 * user and one key handed over per rotation, one redirect record, one AWX job per playbook attempt,
 * one database password change kept once in Secrets Manager and Zappa's remote env, one quota request,
 * each Heroku change once. {@link #duplicates()} lists each count that is not what a run without
 * crashes makes.
 */
final class SideEffects {

    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private int keysRemade;

    SideEffects(JsonNode world, String run) {
        JsonNode snapshots = world.path("rds").path("snapshots");
        Map<String, Integer> perPhase = new TreeMap<>();
        snapshots.forEach(snapshot -> {
            if (run.equals(snapshot.path("tags").path("cutover-run").asText())) {
                perPhase.merge(snapshot.path("tags").path("cutover-phase").asText(), 1, Integer::sum);
            }
        });
        expect("RDS snapshot of day-0", perPhase.getOrDefault("day-0", 0), 1);
        expect("RDS snapshot of day-1", perPhase.getOrDefault("day-1", 0), 1);
        expect("RDS snapshots in all", snapshots.size(), 2);
        expect("RDS master password changes", world.path("rds").path("instances").path("clearmyrecord-prod")
                .path("passwordVersion").asInt() - 1, 1);

        int passwordVersions = 0;
        for (var secret : iterable(world.path("secrets").path("secrets").fields())) {
            if (secret.getKey().contains("/" + run + "/")) {
                passwordVersions += secret.getValue().path("versions").asInt();
            }
        }
        expect("Secrets Manager versions of the new database password", passwordVersions, 1);
        expect("writes of Zappa's remote env", world.path("s3").path("buckets").path("clearmyrecord-zappa-settings")
                .path("jsonObjects").path("production/remote_env.json").path("writes").asInt(), 1);

        int checks = 0;
        for (JsonNode check : world.path("pingdom").path("checks")) {
            if ("clearmyrecord.org health".equals(check.path("name").asText())) {
                checks++;
            }
        }
        expect("Pingdom checks of the new domain", checks, 1);

        int oldName = 0;
        int redirects = 0;
        for (JsonNode record : world.path("namecheap").path("codeforamerica.org").path("records")) {
            if ("clearmyrecord".equals(record.path("name").asText())) {
                oldName++;
                redirects += "URL301".equals(record.path("type").asText()) ? 1 : 0;
            }
        }
        expect("Namecheap redirect records of the old name", redirects, 1);
        expect("Namecheap records of the old name", oldName, 1);

        Map<String, Integer> jobs = new TreeMap<>();
        world.path("tower").path("jobs").forEach(job -> jobs.merge(job.path("template").asText(), 1, Integer::sum));
        expect("AWX jobs of 'create_storage'", jobs.getOrDefault("clearmyrecord create_storage prod", 0), 1);
        expect("AWX jobs of 'Deploy Zappa'", jobs.getOrDefault("clearmyrecord Deploy Zappa prod", 0), 1);
        expect("AWX jobs of 'close postgres ports'", jobs.getOrDefault("clearmyrecord close postgres ports prod", 0), 1);
        expect("AWX jobs in all", world.path("tower").path("jobs").size(), 3);
        expect("Zappa deploys seen by the site", world.path("hosting").path("www").path("zappaDeploys").size(), 1);

        expect("Service Quotas requests", world.path("quotas").path("requests").size(), 1);
        expect("old media buckets deleted", world.path("s3").path("buckets").path("clearmyrecord-heroku-media")
                .path("deleted").asBoolean() ? 1 : 0, 1);
        expect("objects in the new media bucket", world.path("s3").path("buckets").path("clearmyrecord-media-prod")
                .path("objects").asInt(), 1240);

        Map<String, Integer> herokuChanges = new LinkedHashMap<>();
        world.path("heroku").path("apps").path("clearmyrecord").path("apiLog")
                .forEach(line -> herokuChanges.merge(line.path("line").asText(), 1, Integer::sum));
        herokuChanges.forEach((change, times) -> expect("Heroku: " + change, times, 1));
        expect("Heroku changes in all", herokuChanges.size(), 5);

        iam(world, world.path("heroku").path("apps").path("clearmyrecord").path("configVars")
                .path("AWS_ACCESS_KEY_ID").asText());
    }

    /**
     * One IAM user made and deleted; per rotation one key handed to Heroku. A key whose secret a crash
     * lost between IAM and Heroku cannot be handed over by anyone (IAM shows a secret once): the retry
     * makes another and deletes it, which is counted apart ({@link #keysRemade()}), and a stray key is a
     * duplicate.
     */
    private void iam(JsonNode world, String herokuKey) {
        String user = "clearmyrecord-heroku-interim";
        Map<String, Integer> calls = new TreeMap<>();
        List<String> created = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (JsonNode event : world.path("iam").path("events")) {
            if (!user.equals(event.path("user").asText())) {
                calls.merge("other users: " + event.path("call").asText(), 1, Integer::sum);
                continue;
            }
            calls.merge(event.path("call").asText(), 1, Integer::sum);
            if (event.path("call").asText().equals("CreateAccessKey")) {
                created.add(event.path("accessKeyId").asText());
            }
            if (event.path("call").asText().equals("DeleteAccessKey")) {
                deleted.add(event.path("accessKeyId").asText());
            }
        }
        expect("IAM users " + user + " created", calls.getOrDefault("CreateUser", 0), 1);
        expect("IAM users " + user + " deleted", calls.getOrDefault("DeleteUser", 0), 1);
        expect("IAM keys of " + user + " handed to Heroku", created.contains(herokuKey) ? 1 : 0, 1);
        List<String> stray = new ArrayList<>(created);
        stray.remove(herokuKey);
        keysRemade = stray.size();
        stray.removeAll(deleted);
        expect("IAM keys of " + user + " made but neither handed over nor deleted", stray.size(), 0);
        expect("IAM calls on other users", calls.keySet().stream().filter(call -> call.startsWith("other")).count(), 0);
    }

    private void expect(String what, long count, int once) {
        counts.put(what, (int) count);
        if (count != once) {
            duplicates.add(what + ": " + count + " (expected " + once + ")");
        }
    }

    Map<String, Integer> counts() {
        return counts;
    }

    List<String> duplicates() {
        return duplicates;
    }

    /** Keys a crash lost between IAM and Heroku, made again by the retry and the lost one deleted. */
    int keysRemade() {
        return keysRemade;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
