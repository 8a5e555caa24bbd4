package dev.cutover.delegate;

import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;
import dev.cutover.ledger.Ledger;
import dev.cutover.step.Step;
import dev.cutover.tower.TowerJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One poll of a playbook's AWX job. */
@Component("checkPlaybook")
class CheckPlaybook extends Step {

    private static final Logger log = LoggerFactory.getLogger(CheckPlaybook.class);

    private final Playbooks playbooks;

    CheckPlaybook(Ledger ledger, Playbooks playbooks) {
        super(ledger);
        this.playbooks = playbooks;
    }

    @Override
    protected void perform(StepContext step) {
        long id = step.get(Vars.playbookJob(step.input(Playbooks.INPUT)));
        TowerJob job = playbooks.job(id);
        log.info("run {}: AWX job {} ({}) is {}", step.run(), id, playbooks.template(step).name(), job.status());
        playbooks.show(step, job);
    }
}
