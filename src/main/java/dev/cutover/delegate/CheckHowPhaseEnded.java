package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Phases;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * After the whole run called a phase: which end event the phase's instance reached, from the
 * engine's history ({@code phaseEnding}: done, rolled back or stopped). The run routes on it.
 */
@Component("checkHowPhaseEnded")
class CheckHowPhaseEnded extends Step {

    private final HistoryService history;

    CheckHowPhaseEnded(Ledger ledger, HistoryService history) {
        super(ledger);
        this.history = history;
    }

    @Override
    protected void perform(StepContext step) {
        String phase = step.input("phase");
        HistoricProcessInstance called = history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(step.processInstanceId()).processDefinitionKey(phase).finished().list().stream()
                .max(Comparator.comparing(HistoricProcessInstance::getEndTime, Date::compareTo))
                .orElseThrow(() -> new IllegalStateException("run " + step.run() + " called " + phase
                        + " but the engine's history holds no ended instance of it; is the history level 'none'?"));
        Phases.Ending ending = Phases.ending(history, called);
        step.set(Vars.PHASE_ENDING, ending.label());
        record(step, new Ensured<>(dev.cutover.step.Outcome.CHECKED, ending), phase + " ended " + ending.label() + " at '"
                + called.getEndActivityId() + "' (instance " + called.getId() + ")", Map.of());
    }
}
