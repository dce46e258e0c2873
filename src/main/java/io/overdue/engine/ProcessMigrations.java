package io.overdue.engine;

import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionsBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Moves running cases to the latest version of their process when the change allows it: every activity a case
 * waits in must exist with the same id in the latest version ({@code mapEqualActivities}), and the engine must
 * accept each mapping. All versions are checked before anything moves; a fault anywhere migrates nothing.
 *
 * <p>Options chosen: event triggers are updated by default, so that a changed message name or timer definition of
 * a mapped event applies to the migrated cases too (the case's timers compute their dates from variables, so a
 * re-created timer keeps its date; a pure duration restarts from the migration). Listeners and input/output
 * mappings run as the engine does by default when migration adds or removes a scope.
 */
@Service
public class ProcessMigrations {

    /** The collection case; a constant of its own so that {@code engine} does not depend on {@code dunning}. */
    static final String DEFAULT_PROCESS_KEY = "CollectionCase";

    private static final Logger log = LoggerFactory.getLogger(ProcessMigrations.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final int batchThreshold;

    ProcessMigrations(RepositoryService repository, RuntimeService runtime,
                      @Value("${overdue.process-migration.batch-threshold:200}") int batchThreshold) {
        this.repository = repository;
        this.runtime = runtime;
        this.batchThreshold = batchThreshold;
    }

    /** What to migrate: {@code processKey} default the collection case, {@code fromVersion} default every older one. */
    public record Request(String processKey, Integer fromVersion, Boolean dryRun, Boolean updateEventTriggers) {

        String key() {
            return processKey == null || processKey.isBlank() ? DEFAULT_PROCESS_KEY : processKey.trim();
        }

        boolean dry() {
            return Boolean.TRUE.equals(dryRun);
        }

        boolean eventTriggers() {
            return !Boolean.FALSE.equals(updateEventTriggers);
        }
    }

    /** How the cases of one version moved: {@code MIGRATED} at once, {@code BATCH} (see Cockpit) or {@code DRY_RUN}. */
    public record VersionResult(int fromVersion, String sourceDefinitionId, long instances, int instructions,
                                String execution, String batchId) {
    }

    public record Result(String processKey, int toVersion, String targetDefinitionId, boolean dryRun, long instances,
                         List<VersionResult> versions) {
    }

    /** An instruction the engine refused. */
    public record InstructionFault(String sourceActivityId, String targetActivityId, List<String> failures) {
    }

    /** An activity cases wait in that has no counterpart with the same id in the target version. */
    public record ActivityFault(String activityId, long instances, String failure) {
    }

    public record InstanceFault(String processInstanceId, List<String> failures) {
    }

    public record VersionFault(int fromVersion, long instances, List<InstructionFault> instructions,
                               List<ActivityFault> activities, List<InstanceFault> processInstances) {
    }

    /** One transaction: a case the engine refuses while migrating rolls back the versions migrated before it. */
    @Transactional
    public Result migrate(Request request) {
        return migrate(request, batchThreshold);
    }

    /** Versions with more running cases than {@code threshold} move as a batch of jobs, the others at once. */
    @Transactional
    Result migrate(Request request, int threshold) {
        String key = request.key();
        ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .withoutTenantId().latestVersion().singleResult();
        if (target == null) {
            throw new NotFoundException("Process", key);
        }
        List<ProcessDefinition> sources = sources(key, target, request.fromVersion());

        List<Planned> planned = new ArrayList<>();
        List<VersionFault> faults = new ArrayList<>();
        for (ProcessDefinition source : sources) {
            long instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
            if (instances == 0) {
                continue;
            }
            plan(source, target, instances, request.eventTriggers(), planned, faults);
        }
        if (!faults.isEmpty()) {
            throw new MigrationNotPossibleException(key, target.getVersion(), faults);
        }

        List<VersionResult> results = new ArrayList<>();
        for (Planned p : planned) {
            results.add(execute(p, request.dry(), threshold, key, target.getVersion()));
        }
        long total = results.stream().mapToLong(VersionResult::instances).sum();
        if (!request.dry() && total > 0) {
            log.info("Process migration of {} to v{}: {}", key, target.getVersion(), results.stream()
                    .map(r -> "v" + r.fromVersion() + " " + r.instances() + " " + r.execution()).toList());
        }
        return new Result(key, target.getVersion(), target.getId(), request.dry(), total, results);
    }

    private List<ProcessDefinition> sources(String key, ProcessDefinition target, Integer fromVersion) {
        if (fromVersion != null) {
            if (fromVersion >= target.getVersion()) {
                throw InvalidInputException.of("fromVersion", "must be below the latest version " + target.getVersion());
            }
            ProcessDefinition source = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .withoutTenantId().processDefinitionVersion(fromVersion).singleResult();
            if (source == null) {
                throw new NotFoundException("Process", key + " v" + fromVersion);
            }
            return List.of(source);
        }
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().list().stream()
                .filter(d -> d.getVersion() < target.getVersion())
                .sorted(Comparator.comparingInt(ProcessDefinition::getVersion)).toList();
    }

    private record Planned(ProcessDefinition source, MigrationPlan plan, long instances) {
    }

    private void plan(ProcessDefinition source, ProcessDefinition target, long instances, boolean eventTriggers,
                      List<Planned> planned, List<VersionFault> faults) {
        MigrationInstructionsBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities();
        if (eventTriggers) {
            builder = builder.updateEventTriggers();
        }
        MigrationPlan plan;
        try {
            plan = builder.build();
        } catch (MigrationPlanValidationException e) {
            List<InstructionFault> instructions = e.getValidationReport().getInstructionReports().stream()
                    .map(r -> new InstructionFault(r.getMigrationInstruction().getSourceActivityId(),
                            r.getMigrationInstruction().getTargetActivityId(), r.getFailures())).toList();
            faults.add(new VersionFault(source.getVersion(), instances, instructions, List.of(), List.of()));
            return;
        }
        List<ActivityFault> activities = unmappedActivitiesInUse(source, target, plan);
        if (activities.isEmpty()) {
            planned.add(new Planned(source, plan, instances));
        } else {
            faults.add(new VersionFault(source.getVersion(), instances, List.of(), activities, List.of()));
        }
    }

    /**
     * Activities of the source version that cases currently wait in (or are about to continue from, asynchronously)
     * but that the plan does not map: the engine would refuse every such case. Checked by query before anything
     * moves, so a batch does not fail case by case; the engine's own check still guards the migration itself.
     */
    private List<ActivityFault> unmappedActivitiesInUse(ProcessDefinition source, ProcessDefinition target, MigrationPlan plan) {
        Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
                .collect(Collectors.toSet());
        Set<String> inTarget = repository.getBpmnModelInstance(target.getId()).getModelElementsByType(FlowNode.class)
                .stream().map(FlowNode::getId).collect(Collectors.toSet());
        List<ActivityFault> faults = new ArrayList<>();
        repository.getBpmnModelInstance(source.getId()).getModelElementsByType(FlowNode.class).stream()
                .map(FlowNode::getId).filter(id -> !mapped.contains(id)).sorted().forEach(id -> {
                    long waiting = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).activityIdIn(id).count();
                    if (waiting > 0) {
                        faults.add(new ActivityFault(id, waiting, inTarget.contains(id)
                                ? "exists in v" + target.getVersion() + " but cannot be mapped to it (a different kind of"
                                        + " activity or another parent scope)"
                                : "no activity with this id in v" + target.getVersion() + " (renamed or removed)"));
                    }
                });
        return faults;
    }

    private VersionResult execute(Planned p, boolean dryRun, int threshold, String key, int toVersion) {
        int instructions = p.plan().getInstructions().size();
        if (dryRun) {
            return new VersionResult(p.source().getVersion(), p.source().getId(), p.instances(), instructions, "DRY_RUN", null);
        }
        var execution = runtime.newMigration(p.plan())
                .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(p.source().getId()));
        if (p.instances() > threshold) {
            Batch batch = execution.executeAsync();
            return new VersionResult(p.source().getVersion(), p.source().getId(), p.instances(), instructions, "BATCH", batch.getId());
        }
        try {
            execution.execute();
        } catch (MigratingProcessInstanceValidationException e) {
            // The whole request runs in one transaction: throwing rolls back the versions already migrated too.
            throw new MigrationNotPossibleException(key, toVersion, List.of(new VersionFault(p.source().getVersion(),
                    p.instances(), List.of(), List.of(), List.of(instanceFault(e.getValidationReport())))));
        }
        return new VersionResult(p.source().getVersion(), p.source().getId(), p.instances(), instructions, "MIGRATED", null);
    }

    private static InstanceFault instanceFault(MigratingProcessInstanceValidationReport report) {
        List<String> failures = Stream.of(
                report.getFailures().stream(),
                report.getActivityInstanceReports().stream()
                        .flatMap(r -> r.getFailures().stream().map(f -> r.getSourceScopeId() + ": " + f)),
                report.getTransitionInstanceReports().stream()
                        .flatMap(r -> r.getFailures().stream().map(f -> r.getSourceScopeId() + ": " + f)))
                .flatMap(s -> s).toList();
        return new InstanceFault(report.getProcessInstanceId(), failures);
    }

    /** Refused: nothing was migrated. */
    static class MigrationNotPossibleException extends RuntimeException {

        private final transient List<VersionFault> faults;

        MigrationNotPossibleException(String key, int toVersion, List<VersionFault> faults) {
            super("Running cases of " + key + " cannot move to v" + toVersion + ": " + faults.stream()
                    .map(f -> "v" + f.fromVersion() + " (" + f.instances() + " case(s))").collect(Collectors.joining(", "))
                    + " have activities the latest version does not map; nothing was migrated");
            this.faults = List.copyOf(faults);
        }

        List<VersionFault> faults() {
            return faults;
        }
    }
}
