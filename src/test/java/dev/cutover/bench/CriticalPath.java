package dev.cutover.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * The runbook's critical path through one process model: the longest chain of steps that depend on
 * each other, following the sequence flows from the start event, where the branches of a parallel
 * gateway count once (the longest of them) and an exclusive gateway's branch counts only when the
 * run took it. A service or send task weighs what {@code weight} says (the benchmark: one fixed
 * call latency); a user task, a timer or a gateway weighs nothing; a call activity weighs its called
 * instance's critical path; an embedded subprocess the longest chain inside it. Loops are cut at
 * their back edge (a poll that found its answer the first time runs once), and boundary events
 * (the exceptional paths) are not followed.
 */
final class CriticalPath {

    private final Set<String> ran;
    private final ToLongFunction<FlowNode> weight;
    private final Map<String, Long> memo = new HashMap<>();
    /** The longest chain's steps, last first, per node: for the report. */
    private final Map<String, List<String>> chainOf = new HashMap<>();

    /**
     * @param ran the activity ids that ran in this instance (history): a branch the run did not
     *     take is not part of its path
     * @param weight the cost of a node (milliseconds), call activities included
     */
    CriticalPath(Set<String> ran, ToLongFunction<FlowNode> weight) {
        this.ran = ran;
        this.weight = weight;
    }

    record Result(long millis, List<String> chain) {}

    Result of(BpmnModelInstance model, String processKey) {
        Process process = model.getModelElementById(processKey);
        return longestFromStarts(process.getFlowElements());
    }

    private Result longestFromStarts(Collection<FlowElement> elements) {
        long best = 0;
        List<String> chain = List.of();
        for (FlowElement element : elements) {
            if (element instanceof StartEvent start && !(start.getParentElement() instanceof SubProcess sub
                    && sub.triggeredByEvent()) && ran.contains(start.getId())) {
                long length = longest(start, new HashSet<>());
                if (length >= best) {
                    best = length;
                    chain = chainOf.getOrDefault(start.getId(), List.of());
                }
            }
        }
        return new Result(best, chain);
    }

    /** The longest chain from {@code node} (its own weight included) to an end. */
    private long longest(FlowNode node, Set<String> onPath) {
        if (memo.containsKey(node.getId())) {
            return memo.get(node.getId());
        }
        onPath.add(node.getId());
        long own = own(node);
        long after = 0;
        List<String> tail = List.of();
        for (SequenceFlow flow : node.getOutgoing()) {
            FlowNode next = flow.getTarget();
            if (onPath.contains(next.getId()) || next instanceof BoundaryEvent || !ran.contains(next.getId())) {
                continue; // a back edge (a loop), or a branch the run did not take
            }
            long length = longest(next, onPath);
            if (length > after || tail.isEmpty()) {
                after = Math.max(after, length);
                tail = chainOf.getOrDefault(next.getId(), List.of());
            }
        }
        onPath.remove(node.getId());
        List<String> chain = new ArrayList<>(tail);
        if (own > 0) {
            chain.add(0, node.getId() + " " + own + " ms");
        }
        chainOf.put(node.getId(), chain);
        memo.put(node.getId(), own + after);
        return own + after;
    }

    private long own(FlowNode node) {
        if (node instanceof SubProcess sub) {
            return new CriticalPath(ran, weight).longestFromStarts(sub.getFlowElements()).millis();
        }
        if (node instanceof ServiceTask || node instanceof SendTask || node instanceof CallActivity) {
            return weight.applyAsLong(node);
        }
        return 0;
    }
}
