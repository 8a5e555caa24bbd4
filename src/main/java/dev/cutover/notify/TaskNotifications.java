package dev.cutover.notify;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A created user task tells each of its candidate groups, once the engine's transaction has
 * committed: a job that rolls back (and creates the task again on its retry) tells no one.
 * The task's run, phase and groups are read while the task is at hand, inside that transaction;
 * Camunda's Spring eventing ({@code camunda.bpm.eventing.task}) publishes the task.
 */
@Component
class TaskNotifications {

    private static final Logger log = LoggerFactory.getLogger(TaskNotifications.class);

    private final ApplicationEventPublisher events;
    private final Delivery delivery;

    TaskNotifications(ApplicationEventPublisher events, Delivery delivery) {
        this.events = events;
        this.delivery = delivery;
    }

    @EventListener
    void taskCreated(DelegateTask task) {
        // a task made by hand in Tasklist belongs to no run
        if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
            return;
        }
        try {
            String run = task.getExecution().getProcessBusinessKey();
            String phase = task.getProcessEngineServices().getRepositoryService()
                    .getProcessDefinition(task.getProcessDefinitionId()).getKey();
            for (IdentityLink candidate : task.getCandidates()) {
                if (IdentityLinkType.CANDIDATE.equals(candidate.getType()) && candidate.getGroupId() != null) {
                    events.publishEvent(new WaitingTask(run, phase, task.getId(), task.getName(),
                            candidate.getGroupId()));
                }
            }
        } catch (RuntimeException e) {
            // inside the engine's transaction: a notification must never fail the task's creation
            log.warn("Could not prepare the notification of task '{}': {}", task.getName(), e.getMessage());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void taskWaits(WaitingTask task) {
        delivery.taskWaits(task);
    }
}
