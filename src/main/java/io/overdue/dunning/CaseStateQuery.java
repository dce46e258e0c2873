package io.overdue.dunning;

import io.overdue.invoices.CaseStates;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a case's state from the engine: where it waits while it runs, how it ended once it has. */
@Component
class CaseStateQuery implements CaseStates {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;

    CaseStateQuery(RuntimeService runtime, HistoryService history, RepositoryService repository) {
        this.runtime = runtime;
        this.history = history;
        this.repository = repository;
    }

    @Override
    public Optional<CaseState> caseOf(String invoiceNumber) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).processInstanceBusinessKey(invoiceNumber)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        if (instance == null) {
            return Optional.empty();
        }
        if (instance.getEndTime() == null) {
            ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
            List<String> waitingAt = new ArrayList<>();
            collectLeaves(runtime.getActivityInstance(instance.getId()), waitingAt);
            return Optional.of(new CaseState(instance.getId(), running != null && running.isSuspended() ? "SUSPENDED" : "ACTIVE",
                    waitingAt, instance.getStartTime().toInstant(), null, null));
        }
        // The end event reached says how the case ended; the process's own end activity may be the enclosing subprocess.
        String outcome = history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityType("noneEndEvent").finished().orderByHistoricActivityInstanceEndTime().desc().listPage(0, 1)
                .stream().map(a -> a.getActivityName() != null ? a.getActivityName() : a.getActivityId()).findFirst()
                .orElseGet(() -> name(instance.getProcessDefinitionId(), instance.getEndActivityId()));
        return Optional.of(new CaseState(instance.getId(), "ENDED", List.of(), instance.getStartTime().toInstant(),
                instance.getEndTime().toInstant(), outcome));
    }

    private static void collectLeaves(ActivityInstance activity, List<String> names) {
        if (activity == null) {
            return;
        }
        if (activity.getChildActivityInstances().length == 0 && activity.getChildTransitionInstances().length == 0) {
            if (activity.getParentActivityInstanceId() != null) {
                names.add(activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId());
            }
            return;
        }
        for (ActivityInstance child : activity.getChildActivityInstances()) {
            collectLeaves(child, names);
        }
        // Transition instances are steps queued for the job executor (asynchronous continuations).
        for (var transition : activity.getChildTransitionInstances()) {
            names.add(transition.getActivityName() != null ? transition.getActivityName() : transition.getActivityId());
        }
    }

    /** The name a manager gave the element in the model, or its id when it has none. */
    String name(String processDefinitionId, String activityId) {
        if (activityId == null) {
            return null;
        }
        FlowElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
        return element != null && element.getName() != null ? element.getName() : activityId;
    }
}
