package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Engine glue for "Plan next level": asks {@link DunningLevels} and hands the plan to the model's gateway and timer. */
@Component(CollectionCaseProcess.Delegates.PLAN_NEXT_LEVEL)
class PlanNextLevelDelegate implements JavaDelegate {

    private final DunningLevels levels;

    PlanNextLevelDelegate(DunningLevels levels) {
        this.levels = levels;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean atOnce = Boolean.TRUE.equals(execution.getVariable(Variables.NEXT_LEVEL_AT_ONCE));
        DunningLevels.Plan plan = levels.plan(CaseVariables.invoiceNumber(execution), CaseVariables.level(execution), atOnce);
        execution.setVariable(Variables.NEXT_LEVEL, plan.nextLevel());
        execution.setVariable(Variables.MORE_LEVELS, plan.moreLevels());
        execution.setVariable(Variables.NEXT_NOTICE_AT, plan.nextNoticeAt());
        // Consumed: a later planning (after the level it hurried) waits as usual.
        execution.removeVariable(Variables.NEXT_LEVEL_AT_ONCE);
    }
}
