package io.overdue.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

import java.util.Map;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

/**
 * Makes sure, at every start and in every mode, that our groups exist with the permissions their work
 * needs, and that collectors find their tasks in Tasklist. Idempotent: it only adds what is missing.
 */
@Component
class IdentitySetup extends AbstractProcessEnginePlugin {

    static final String COLLECTION_TASKS_FILTER = "Collection tasks";
    static final String APP_TASKLIST = "tasklist";
    static final String APP_COCKPIT = "cockpit";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        group(identity, Groups.COLLECTORS, "Collectors");
        group(identity, Groups.MANAGERS, "Collection managers");
        group(identity, Groups.INTEGRATIONS, "ERP and accounting systems");

        // Collectors work tasks: candidate-group tasks already carry READ/UPDATE for their group.
        grant(authorizations, Groups.COLLECTORS, Resources.APPLICATION, APP_TASKLIST, Permissions.ACCESS);
        grant(authorizations, Groups.COLLECTORS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        grant(authorizations, Groups.COLLECTORS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);

        // Managers run the process: they watch it in Cockpit, deploy models and may work any task.
        grant(authorizations, Groups.MANAGERS, Resources.APPLICATION, APP_TASKLIST, Permissions.ACCESS);
        grant(authorizations, Groups.MANAGERS, Resources.APPLICATION, APP_COCKPIT, Permissions.ACCESS);
        for (Resource resource : new Resource[]{Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE, Resources.TASK,
                Resources.DEPLOYMENT, Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION,
                Resources.HISTORIC_TASK, Resources.HISTORIC_PROCESS_INSTANCE}) {
            grant(authorizations, Groups.MANAGERS, resource, ANY, Permissions.ALL);
        }
        // Process migrations of many cases run as batches; managers follow them in Cockpit's batch view.
        grant(authorizations, Groups.MANAGERS, Resources.BATCH, ANY, Permissions.READ);
        grant(authorizations, Groups.MANAGERS, Resources.BATCH, ANY, Permissions.READ_HISTORY);

        Filter filter = collectionTasksFilter(engine.getFilterService(), engine.getTaskService().createTaskQuery());
        grant(authorizations, Groups.COLLECTORS, Resources.FILTER, filter.getId(), Permissions.READ);
        grant(authorizations, Groups.MANAGERS, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private static void group(IdentityService identity, String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private static void grant(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
                              Permission permission) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                .resourceId(resourceId).list().stream().filter(a -> a.getAuthorizationType() == AUTH_TYPE_GRANT)
                .findFirst().orElse(null);
        if (existing != null && existing.isPermissionGranted(permission)) {
            return;
        }
        Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }

    private static Filter collectionTasksFilter(FilterService filters, TaskQuery query) {
        Filter existing = filters.createTaskFilterQuery().filterName(COLLECTION_TASKS_FILTER).singleResult();
        if (existing != null) {
            return existing;
        }
        query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().orderByDueDate().asc();
        Filter filter = filters.newTaskFilter(COLLECTION_TASKS_FILTER)
                .setQuery(query)
                .setProperties(Map.of("description", "Calls, disputes and follow-ups waiting for my groups",
                        "priority", -10, "refresh", true));
        return filters.saveFilter(filter);
    }
}
