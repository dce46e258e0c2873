package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Elements;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.springframework.stereotype.Service;

/** What a person can do to a running case beyond working its tasks. */
@Service
public class CaseActions {

    private static final int ATTEMPTS = 5;

    private final RuntimeService runtime;

    CaseActions(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * Moves the case straight to a collector's follow-up, skipping whatever it waits for now (for instance
     * when an invoice is taken over from an older system after its reminders were already sent there).
     *
     * @return false when the invoice has no running case
     */
    public boolean followUpNow(String invoiceNumber) {
        for (int attempt = 1; ; attempt++) {
            try {
                ProcessInstance instance = runtime.createProcessInstanceQuery()
                        .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                        .processInstanceBusinessKey(invoiceNumber).active().singleResult();
                if (instance == null) {
                    return false;
                }
                ActivityInstance tree = runtime.getActivityInstance(instance.getId());
                if (tree.getActivityInstances(Elements.FOLLOW_UP_OVERDUE_INVOICE).length > 0) {
                    return true;
                }
                // Start the follow-up first: cancelling the last activity before would end the case.
                ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(instance.getId())
                        .startBeforeActivity(Elements.FOLLOW_UP_OVERDUE_INVOICE);
                for (ActivityInstance child : tree.getChildActivityInstances()) {
                    modification.cancelActivityInstance(child.getId());
                }
                for (var transition : tree.getChildTransitionInstances()) {
                    modification.cancelTransitionInstance(transition.getId());
                }
                modification.execute();
                return true;
            } catch (OptimisticLockingException e) {
                // The job executor moved the case at the same moment; look again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
