package io.overdue.dunning;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A delegate's view of a case without the engine: variables in maps (the process scope and the executing scope's
 * own), so that a delegate's reads and writes can be checked directly.
 */
final class FakeExecution {

    final Map<String, Object> variables = new HashMap<>();
    final Map<String, Object> locals = new HashMap<>();
    final DelegateExecution execution = mock(DelegateExecution.class);

    FakeExecution(String invoiceNumber, String activityId) {
        variables.put(CollectionCaseProcess.Variables.INVOICE_NUMBER, invoiceNumber);
        when(execution.getProcessBusinessKey()).thenReturn(invoiceNumber);
        when(execution.getCurrentActivityId()).thenReturn(activityId);
        when(execution.getActivityInstanceId()).thenReturn(activityId + ":" + UUID.randomUUID());
        when(execution.getVariable(anyString())).thenAnswer(call -> {
            String name = call.getArgument(0);
            return locals.containsKey(name) ? locals.get(name) : variables.get(name);
        });
        doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1)))
                .when(execution).setVariable(anyString(), any());
        doAnswer(call -> locals.put(call.getArgument(0), call.getArgument(1)))
                .when(execution).setVariableLocal(anyString(), any());
        doAnswer(call -> {
            String name = call.getArgument(0);
            return locals.containsKey(name) ? locals.remove(name) : variables.remove(name);
        }).when(execution).removeVariable(anyString());
        doAnswer(call -> {
            for (Object name : (java.util.Collection<?>) call.getArgument(0)) {
                locals.remove(name);
                variables.remove(name);
            }
            return null;
        }).when(execution).removeVariables(org.mockito.ArgumentMatchers.anyCollection());
    }

    FakeExecution with(String name, Object value) {
        variables.put(name, value);
        return this;
    }
}
