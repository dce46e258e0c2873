package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Engine glue for a manager's "one more round": the round goes up and the level down by one, so that planning
 * sends the last level once more; its keys name the new round, so nothing of the first round counts as sent.
 */
@Component(CollectionCaseProcess.Delegates.START_ONE_MORE_ROUND)
class StartOneMoreRoundDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        DunningLevels.Round next = DunningLevels.oneMoreRound((Integer) execution.getVariable(Variables.LEVEL),
                (Integer) execution.getVariable(Variables.ROUND));
        execution.setVariable(Variables.ROUND, next.round());
        execution.setVariable(Variables.LEVEL, next.level());
    }
}
