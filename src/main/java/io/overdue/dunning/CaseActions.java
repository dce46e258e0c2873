package io.overdue.dunning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.shared.ConflictException;
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
    private final CasePlans plans;

    CaseActions(RuntimeService runtime, CasePlans plans) {
        this.runtime = runtime;
        this.plans = plans;
    }

    /**
     * The customer asked for a payment plan by other means (a letter, an email): the case's collectors get the task
     * to propose one, exactly as after {@code POST /api/invoices/{n}/plan} with only a note.
     */
    public void requestPaymentPlan(String invoiceNumber, String note, String user) {
        plans.post(invoiceNumber, JsonNodeFactory.instance.objectNode().put("note", note), user);
    }

    /**
     * Moves the case straight to a collector's call, skipping whatever it waits for now (for instance when an
     * invoice is taken over from an older system after its reminders were already sent there). After the call
     * the case goes on with the policy's next level.
     *
     * @return false when the invoice has no running case
     */
    public boolean callNow(String invoiceNumber) {
        for (int attempt = 1; ; attempt++) {
            try {
                ProcessInstance instance = runtime.createProcessInstanceQuery()
                        .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                        .processInstanceBusinessKey(invoiceNumber).active().singleResult();
                if (instance == null) {
                    return false;
                }
                ActivityInstance tree = runtime.getActivityInstance(instance.getId());
                if (tree.getActivityInstances(Elements.CALL_CUSTOMER).length > 0) {
                    return true;
                }
                if (tree.getActivityInstances(Elements.RUN_PAYMENT_PLAN).length > 0) {
                    // Cancelling the plan's call would drop the plan instance and leave its plan live.
                    throw new ConflictException("the case of invoice " + invoiceNumber + " runs a payment plan; "
                            + "its tasks are the collectors' now");
                }
                // Start the call first: cancelling the last activity before would end the case. Inside the running
                // "Collect the invoice" the call replaces what it waits for; elsewhere (a promise, a dispute) the
                // whole wait is replaced and collection starts again at the call.
                ActivityInstance[] collection = tree.getActivityInstances(Elements.COLLECTION);
                ActivityInstance scope = collection.length == 1 ? collection[0] : tree;
                ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(instance.getId());
                modification = collection.length == 1
                        ? modification.startBeforeActivity(Elements.CALL_CUSTOMER, scope.getId())
                        : modification.startBeforeActivity(Elements.CALL_CUSTOMER);
                for (ActivityInstance child : scope.getChildActivityInstances()) {
                    modification.cancelActivityInstance(child.getId());
                }
                for (var transition : scope.getChildTransitionInstances()) {
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
