package dev.cutover.delegate;

import dev.cutover.aws.iam.IamPort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The interim IAM user through which the Heroku app reaches S3 while Lambda deploys roll the deploy
 * keys: made to exist (again, after Day 2 deleted it), and Heroku's config vars holding one of its
 * keys, a new one going from IAM straight into them ({@link KeyRotation}). Before Day 0 and in the
 * rollbacks after Day 2 alike.
 */
@Component
class InterimHerokuUser {

    private final IamPort iam;
    private final HerokuPort heroku;
    private final KeyRotation keyRotation;
    private final MigrationPlan plan;

    InterimHerokuUser(IamPort iam, HerokuPort heroku, KeyRotation keyRotation, MigrationPlan plan) {
        this.iam = iam;
        this.heroku = heroku;
        this.keyRotation = keyRotation;
        this.plan = plan;
    }

    /** The user exists and Heroku reaches S3 with its key: already done when both were so. */
    Ensured<Reached> ensureHerokuReachesS3(String run) {
        MigrationPlan.IamUser user = plan.iam().herokuInterimUser();
        String app = plan.heroku().app();
        String idVar = plan.heroku().s3AccessKeyIdVar();
        String secretVar = plan.heroku().s3SecretAccessKeyVar();
        Ensured<String> made = iam.ensureUser(user.name(), user.policyArn(), Map.of("cutover-run", run));
        String herokuKeyId = heroku.configVars(app).get(idVar);
        List<String> keys = iam.accessKeyIds(user.name());
        if (herokuKeyId != null && keys.contains(herokuKeyId)) {
            return Ensured.alreadyDone(new Reached(user.name(), herokuKeyId, herokuKeyId, false));
        }
        String keyId = keyRotation.rotate(user.name(), keys, key -> {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(idVar, key.accessKeyId());
            change.put(secretVar, key.secretAccessKey());
            heroku.setConfigVars(app, change);
        }).keyId();
        return Ensured.changed(new Reached(user.name(), keyId, herokuKeyId, made.changed()));
    }

    /** Heroku reaches S3 as {@code user} with key {@code keyId}; {@code replacedKeyId} is what it had before. */
    record Reached(String user, String keyId, String replacedKeyId, boolean userCreated) {}
}
