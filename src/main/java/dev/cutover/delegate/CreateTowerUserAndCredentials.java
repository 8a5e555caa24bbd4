package dev.cutover.delegate;

import dev.cutover.aws.iam.IamPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerPort;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Create the Tower AMI user, update credentials on Tower. When Tower's AWS credential already
 * holds a key of the user, nothing is rotated. Otherwise a new key goes straight from IAM into the
 * credential (its secret is never a variable, a log line or a ledger entry), and every other key
 * of the user is deleted, so an interrupted attempt leaves no stray key behind.
 */
@Component("createTowerUserAndCredentials")
class CreateTowerUserAndCredentials extends Step {

    private final IamPort iam;
    private final TowerPort tower;
    private final KeyRotation keyRotation;
    private final MigrationPlan plan;

    CreateTowerUserAndCredentials(Ledger ledger, IamPort iam, TowerPort tower, KeyRotation keyRotation,
            MigrationPlan plan) {
        super(ledger);
        this.iam = iam;
        this.tower = tower;
        this.keyRotation = keyRotation;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.IamUser user = plan.iam().towerUser();
        String credential = plan.tower().awsCredential();
        Ensured<String> ensured = iam.ensureUser(user.name(), user.policyArn(), Map.of("cutover-run", step.run()));
        List<String> keys = iam.accessKeyIds(user.name());
        String held = tower.awsCredentialKeyId(credential);
        boolean rotate = held == null || !keys.contains(held);
        String keyId = held;
        List<String> deleted;
        if (rotate) {
            KeyRotation.Rotated rotated = keyRotation.rotate(user.name(), keys,
                    key -> tower.updateAwsCredential(credential, key));
            keyId = rotated.keyId();
            deleted = rotated.deleted();
        } else {
            deleted = keyRotation.deleteAllBut(user.name(), held);
        }
        step.set(Vars.TOWER_USER_KEY_ID, keyId);
        boolean changed = ensured.changed() || rotate || !deleted.isEmpty();
        record(step, changed ? Ensured.changed(keyId) : Ensured.alreadyDone(keyId),
                "IAM user " + user.name() + (ensured.changed() ? " created" : "") + "; Tower credential '" + credential
                        + "' holds key " + keyId + (rotate ? " (new)" : "")
                        + (deleted.isEmpty() ? "" : "; deleted keys " + deleted),
                Map.of("iamUser", user.name(), "accessKeyId", keyId, "deletedKeyIds", String.join(",", deleted)));
    }
}
