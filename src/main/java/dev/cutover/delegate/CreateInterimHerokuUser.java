package dev.cutover.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.aws.iam.IamPort;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Research: Lambda rolls keys when it deploys, so Heroku would lose S3 access. Heroku gets an
 * interim IAM user of its own until Day 2: its key goes straight into Heroku's config vars, and the
 * key Heroku had before is kept in Secrets Manager (the ledger holds only that secret's ARN) so a
 * rollback can put it back.
 */
@Component("createInterimHerokuUser")
class CreateInterimHerokuUser extends Step {

    private final IamPort iam;
    private final HerokuPort heroku;
    private final SecretStorePort secrets;
    private final KeyRotation keyRotation;
    private final MigrationPlan plan;
    private final ObjectMapper json;

    CreateInterimHerokuUser(Ledger ledger, IamPort iam, HerokuPort heroku, SecretStorePort secrets,
            KeyRotation keyRotation, MigrationPlan plan, ObjectMapper json) {
        super(ledger);
        this.iam = iam;
        this.heroku = heroku;
        this.secrets = secrets;
        this.keyRotation = keyRotation;
        this.plan = plan;
        this.json = json;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.IamUser user = plan.iam().herokuInterimUser();
        String app = plan.heroku().app();
        String idVar = plan.heroku().s3AccessKeyIdVar();
        String secretVar = plan.heroku().s3SecretAccessKeyVar();
        Ensured<String> ensured = iam.ensureUser(user.name(), user.policyArn(), Map.of("cutover-run", step.run()));
        Map<String, String> configVars = heroku.configVars(app);
        String herokuKeyId = configVars.get(idVar);
        List<String> keys = iam.accessKeyIds(user.name());
        if (herokuKeyId != null && keys.contains(herokuKeyId)) {
            step.set(Vars.INTERIM_HEROKU_KEY_ID, herokuKeyId);
            record(step, Ensured.alreadyDone(herokuKeyId), "Heroku app " + app + " already reaches S3 as "
                    + user.name() + " (key " + herokuKeyId + ")", Map.of("iamUser", user.name(),
                    "accessKeyId", herokuKeyId));
            return;
        }
        // Day 2's rollback makes the user again: the key it replaces then is the deleted interim one, not worth keeping
        boolean keepPrevious = !"false".equals(step.inputOrNull("keepPreviousKey"));
        String previousArn = null;
        if (keepPrevious) {
            Map<String, String> previous = new LinkedHashMap<>();
            previous.put(idVar, herokuKeyId);
            previous.put(secretVar, configVars.get(secretVar));
            previousArn = secrets.keep(plan.iam().secretPrefix() + step.run() + "/heroku-s3-key-before-interim-user",
                    write(previous));
        }
        String keyId = keyRotation.rotate(user.name(), keys, key -> {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(idVar, key.accessKeyId());
            change.put(secretVar, key.secretAccessKey());
            heroku.setConfigVars(app, change);
        }).keyId();
        step.set(Vars.INTERIM_HEROKU_KEY_ID, keyId);
        String detail = "IAM user " + user.name() + (ensured.changed() ? " created" : "") + "; Heroku app " + app
                + " now reaches S3 with its key " + keyId;
        if (!keepPrevious) {
            record(step, Ensured.changed(keyId), detail, Map.of("iamUser", user.name(), "accessKeyId", keyId,
                    "herokuApp", app));
            return;
        }
        step.set(Vars.HEROKU_PREVIOUS_S3_KEY, previousArn);
        record(step, Ensured.changed(keyId), detail + "; the key it had (" + herokuKeyId + ") is kept in " + previousArn,
                Map.of("iamUser", user.name(), "accessKeyId", keyId, "herokuApp", app,
                        "previousS3KeySecretArn", previousArn));
    }

    private String write(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Heroku's previous S3 key for the secret store", e);
        }
    }
}
