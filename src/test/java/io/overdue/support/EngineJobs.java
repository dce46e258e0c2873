package io.overdue.support;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The job executor's work, done by a test at the moment it chooses (the executor is off in the tests). */
public final class EngineJobs {

    private EngineJobs() {
    }

    /** Runs every job of the process instance that is due, and what they make due, until none is left. */
    public static void runDue(ManagementService management, String processInstanceId) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming");
    }

    /** The timer waiting at {@code activityId}. */
    public static Job timer(ManagementService management, String processInstanceId, String activityId) {
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers().activityId(activityId)
                .singleResult();
        assertThat(timer).as("timer at " + activityId).isNotNull();
        return timer;
    }

    /** The asynchronous continuation waiting before {@code activityId}. */
    public static Job asyncJob(ManagementService management, String processInstanceId, String activityId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).messages().activityId(activityId)
                .singleResult();
        assertThat(job).as("job at " + activityId).isNotNull();
        return job;
    }

    /** Brings the timer at {@code activityId} forward to now (its wait has passed) and runs it. */
    public static void fire(ManagementService management, String processInstanceId, String activityId) {
        Job timer = timer(management, processInstanceId, activityId);
        management.setJobDuedate(timer.getId(), new Date());
        management.executeJob(timer.getId());
    }
}
