package io.overdue.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import io.overdue.dunning.CollectionCaseProcess.CallOutcomes;
import io.overdue.dunning.CollectionCaseProcess.ContactResults;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.TaskFacts;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.support.ApplicationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The collectors' call task with the real beans behind it: today's facts on the task, no answers left over. */
class CallTaskTest extends ApplicationTest {

    @Autowired CaseActions cases;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;

    @Test
    void aSecondCallStartsWithBlankAnswersAndTodaysFacts() {
        DunningTestData.Debt debt = DunningTestData.businessDebt(as(ERP), LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(20), "4200");
        assertThat(cases.callNow(debt.invoice())).isTrue();
        Task first = call(debt.invoice());
        assertThat(tasks.getVariables(first.getId())).containsEntry(Variables.INVOICE_NUMBER, debt.invoice())
                .containsKeys(TaskFacts.CONTACTS, TaskFacts.OPEN_INVOICES, TaskFacts.LAST_CONTACTS, TaskFacts.CHARGES);
        tasks.complete(first.getId(), Map.of(Variables.CONTACT_RESULT, ContactResults.REACHED,
                Variables.CALL_OUTCOME, CallOutcomes.NO_AGREEMENT, Variables.CALL_NOTES, "Says the invoice is with the CFO",
                Variables.INVOICE_RECEIVED, true));
        // Nothing agreed: the policy's next level is planned.
        assertThat(runtime.getActiveActivityIds(instance(debt.invoice()))).contains(Elements.AWAIT_NEXT_LEVEL);

        assertThat(cases.callNow(debt.invoice())).isTrue();
        Task second = call(debt.invoice());

        // What Tasklist would pre-fill the form with: the task's and the case's variables.
        assertThat(tasks.getVariables(second.getId())).doesNotContainKeys(Variables.CALL_NOTES, Variables.CALL_OUTCOME,
                Variables.CONTACT_RESULT, Variables.INVOICE_RECEIVED).containsEntry(Variables.OPEN_BALANCE, "4200.00");
    }

    private Task call(String invoice) {
        return tasks.createTaskQuery().processInstanceBusinessKey(invoice).taskDefinitionKey(Elements.CALL_CUSTOMER).singleResult();
    }

    private String instance(String invoice) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();
    }
}
