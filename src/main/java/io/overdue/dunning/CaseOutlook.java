package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Elements;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What comes next for a case and when, if nothing changes: the waits it is in now (a hold, a promise, the due date),
 * then the policy's remaining levels with their days, channels and fees, then the managers' decision. The case page's
 * preview; each level is still decided on its own day, with the facts of that day.
 */
@Service
public class CaseOutlook {

    /** The timers that pause dunning; the levels resume after them. */
    private static final Map<String, String> PAUSES = Map.of(
            Elements.HOLD_DATE_REACHED, "HOLD_ENDS",
            Elements.PROMISED_PAYMENT_DUE, "PROMISE_CHECKED",
            Elements.DUE_DATE_PASSED, "DUE_DATE_PASSED",
            Elements.MORE_INFORMATION_DUE, "DISPUTE_LOOKED_AT_AGAIN");
    private static final Set<String> PAUSES_WITHOUT_DATE = Set.of(Elements.RESOLVE_DISPUTE, Elements.RUN_PAYMENT_PLAN,
            Elements.DECIDE_ESCALATION, Elements.PREPARE_LEGAL_ACTION, CaseMessages.ARRANGE_PAYMENT_PLAN_OF_VERSION_2);

    /**
     * One step ahead.
     *
     * @param kind     a pause's end (HOLD_ENDS, PROMISE_CHECKED, DUE_DATE_PASSED, DISPUTE_LOOKED_AT_AGAIN), LEVEL, or
     *                 DECISION (the levels ran out: managers decide)
     * @param on       the day; null when it waits for a person (a dispute, a plan, a decision)
     * @param channels for a level: EMAIL, SMS, LETTER, CALL
     */
    public record Step(String kind, LocalDate on, Integer level, String template, List<String> channels, String feeKind,
                       boolean creditHold) {
    }

    /** @param waitsForPeople the case waits for a task (a dispute, a plan, a decision); the dates count from its end */
    public record Outlook(List<Step> steps, boolean waitsForPeople) {
        static final Outlook NONE = new Outlook(List.of(), false);
    }

    private final RuntimeService runtime;
    private final ManagementService management;
    private final DunningLevels levels;
    private final DunningProperties properties;
    private final Clock clock;

    CaseOutlook(RuntimeService runtime, ManagementService management, DunningLevels levels, DunningProperties properties,
                Clock clock) {
        this.clock = clock;
        this.runtime = runtime;
        this.management = management;
        this.levels = levels;
        this.properties = properties;
    }

    public Outlook of(String invoiceNumber) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                .processInstanceBusinessKey(invoiceNumber).listPage(0, 1).stream().findFirst().orElse(null);
        if (instance == null) {
            return Outlook.NONE;
        }
        List<String> at = runtime.getActiveActivityIds(instance.getId());
        boolean waitsForPeople = at.stream().anyMatch(PAUSES_WITHOUT_DATE::contains);
        List<Step> steps = new ArrayList<>();
        LocalDate firstLevelOn = null;
        // A level whose day has passed goes as soon as the case gets to it: today, not in the past.
        LocalDate notBefore = LocalDate.now(clock.withZone(properties.zone()));
        for (Job job : management.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
            String activity = activityOf(job);
            LocalDate day = job.getDuedate().toInstant().atZone(properties.zone()).toLocalDate();
            if (Elements.NEXT_LEVEL_DUE.equals(activity)) {
                firstLevelOn = day;
            } else if (PAUSES.containsKey(activity)) {
                steps.add(new Step(PAUSES.get(activity), day, null, null, List.of(), null, false));
                notBefore = day.isAfter(notBefore) ? day : notBefore;
            }
        }
        if (at.contains(Elements.DECIDE_ESCALATION) || at.contains(Elements.PREPARE_LEGAL_ACTION)) {
            return new Outlook(steps, true);
        }
        DunningLevels.Outlook planned = levels.outlook(invoiceNumber, firstLevelOn, notBefore);
        for (DunningLevels.Planned level : planned.levels()) {
            steps.add(new Step("LEVEL", waitsForPeople ? null : level.on(), level.level(), level.rule().template(),
                    level.rule().channels(), level.rule().feeKind(), level.rule().creditHold()));
        }
        steps.add(new Step("DECISION", waitsForPeople ? null : planned.decisionOn(), null, null, List.of(), null, false));
        return new Outlook(steps, waitsForPeople);
    }

    // A timer job names its activity through its job definition.
    private String activityOf(Job job) {
        var definition = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition == null ? null : definition.getActivityId();
    }
}
