package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Engine glue on "complete" of every decision task: who decided, for the write-off and the audit. The assignee
 * when the task had one; else whoever completed it (Tasklist and the REST API authenticate the caller); "unknown"
 * only when neither is known, e.g. a test or a system call.
 */
@Component(CollectionCaseProcess.Delegates.RECORD_DECIDER)
class RecordDeciderListener implements TaskListener {

    static final String UNKNOWN = "unknown";

    private final IdentityService identity;

    RecordDeciderListener(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        task.getExecution().getProcessInstance().setVariable(Variables.DECIDED_BY, decider(task.getAssignee()));
    }

    String decider(String assignee) {
        if (assignee != null && !assignee.isBlank()) {
            return assignee;
        }
        Authentication current = identity.getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current.getUserId() : UNKNOWN;
    }
}
