package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Delegates;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static io.overdue.dunning.ClaimVariables.id;
import static io.overdue.dunning.ClaimVariables.invoiceNumber;
import static io.overdue.dunning.ClaimVariables.text;

/** The steps of a collector's hold on a case ({@link CaseActions#hold}); in the engine's transaction like the rest. */
@Configuration(proxyBeanMethods = false)
class HoldDelegates {

    @Bean(Delegates.RECORD_HOLD)
    JavaDelegate recordHold(CaseHolds holds, DunningProperties properties) {
        return execution -> execution.setVariable(Variables.HOLD_ID, holds.record(invoiceNumber(execution),
                text(execution, Variables.HELD_BY),
                ClaimVariables.date(execution, Variables.HOLD_UNTIL, properties.zone()),
                text(execution, Variables.HOLD_REASON)));
    }

    /** A release sets {@link Variables#HOLD_RELEASED_BY}; removed here so that the next hold does not inherit it. */
    @Bean(Delegates.END_HOLD)
    JavaDelegate endHold(CaseHolds holds) {
        return execution -> {
            holds.end(id(execution, Variables.HOLD_ID), text(execution, Variables.HOLD_RELEASED_BY));
            execution.removeVariables(List.of(Variables.HOLD_RELEASED_BY, Variables.HOLD_ID));
        };
    }
}
