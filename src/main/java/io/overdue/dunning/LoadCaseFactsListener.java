package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Engine glue: puts the invoice's current facts on a new follow-up task, for the collector's form. */
@Component(CollectionCaseProcess.Delegates.LOAD_CASE_FACTS)
class LoadCaseFactsListener implements TaskListener {

    private final CaseFacts caseFacts;

    LoadCaseFactsListener(CaseFacts caseFacts) {
        this.caseFacts = caseFacts;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariablesLocal(caseFacts.forForm((String) task.getVariable(Variables.INVOICE_NUMBER)));
    }
}
