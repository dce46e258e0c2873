package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Forms;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Engine glue: puts the invoice's current facts on a new task, for the collector's form, and clears earlier answers. */
@Component(CollectionCaseProcess.Delegates.LOAD_CASE_FACTS)
class LoadCaseFactsListener implements TaskListener {

    private final CaseFacts caseFacts;

    LoadCaseFactsListener(CaseFacts caseFacts) {
        this.caseFacts = caseFacts;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariablesLocal(caseFacts.forForm((String) task.getVariable(Variables.INVOICE_NUMBER)));
        String form = task.getTaskDefinitionKey() == null ? null : Forms.RESOURCE_OF_TASK.get(task.getTaskDefinitionKey());
        if (Forms.RESOLVE_DISPUTE_RESOURCE.equals(form)) {
            // The dispute this task decides, kept on the task: a call in the meantime may ask about another one.
            Map<String, Object> dispute = new HashMap<>();
            dispute.put(Variables.DISPUTE_REASON, task.getVariable(Variables.DISPUTE_REASON));
            dispute.put(Variables.DISPUTED_AMOUNT, task.getVariable(Variables.DISPUTED_AMOUNT));
            task.setVariablesLocal(dispute);
        }
        // Earlier answers to the same form would be shown pre-filled; each task starts with blank answers.
        if (form != null) {
            Forms.ANSWERS.get(form).forEach(task.getExecution()::removeVariable);
        }
    }
}
