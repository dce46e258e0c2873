package io.overdue.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/admin/process-migrations moves running cases to the latest version when every wait state maps. */
class ProcessMigrationTest extends ApplicationTest {

    private static final String MANAGER = "managertest";
    private static final String PATH = "/api/admin/process-migrations";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    ProcessMigrations migrations;

    private String key;

    @BeforeEach
    void managerAndKey() {
        if (identity.createUserQuery().userId(MANAGER).count() == 0) {
            User user = identity.newUser(MANAGER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(MANAGER, "managers");
        }
        key = unique("MigrationTest");
    }

    @Test
    void runningCasesMoveToTheLatestVersionAndRunOnIt() throws Exception {
        deploy("v1.bpmn");
        List<String> cases = start(3);
        ProcessDefinition v2 = deploy("v2-compatible.bpmn");

        ResponseEntity<String> response = post(MANAGER, Map.of("processKey", key));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("toVersion").asInt()).isEqualTo(2);
        assertThat(body.path("instances").asLong()).isEqualTo(3);
        assertThat(body.path("dryRun").asBoolean()).isFalse();
        JsonNode version = body.path("versions").get(0);
        assertThat(version.path("fromVersion").asInt()).isEqualTo(1);
        assertThat(version.path("instances").asLong()).isEqualTo(3);
        assertThat(version.path("execution").asText()).isEqualTo("MIGRATED");
        assertThat(definitionsOf(cases)).containsOnly(v2.getId());

        // The case now follows v2: after the work comes v2's new check.
        String first = cases.get(0);
        tasks.complete(tasks.createTaskQuery().processInstanceId(first).singleResult().getId());
        assertThat(tasks.createTaskQuery().processInstanceId(first).singleResult().getTaskDefinitionKey()).isEqualTo("Check");
    }

    @Test
    void aRenamedWaitStateRefusesTheMigrationAndMovesNothing() throws Exception {
        ProcessDefinition v1 = deploy("v1.bpmn");
        List<String> cases = start(2);
        deploy("v2-renamed.bpmn");

        ResponseEntity<String> response = post(MANAGER, Map.of("processKey", key));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.path("type").asText()).isEqualTo("urn:overdue:problem:migration-not-possible");
        assertThat(problem.path("detail").asText()).contains("nothing was migrated");
        JsonNode version = problem.path("versions").get(0);
        assertThat(version.path("fromVersion").asInt()).isEqualTo(1);
        assertThat(version.path("instances").asLong()).isEqualTo(2);
        JsonNode activity = version.path("activities").get(0);
        assertThat(activity.path("activityId").asText()).isEqualTo("Work");
        assertThat(activity.path("instances").asLong()).isEqualTo(2);
        assertThat(activity.path("failure").asText()).contains("renamed or removed");
        assertThat(definitionsOf(cases)).containsOnly(v1.getId());
    }

    @Test
    void aWaitStateOfAnotherKindCannotBeMapped() throws Exception {
        ProcessDefinition v1 = deploy("v1.bpmn");
        List<String> cases = start(1);
        deploy("v2-retyped.bpmn");

        ResponseEntity<String> response = post(MANAGER, Map.of("processKey", key, "dryRun", true));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode activity = JSON.readTree(response.getBody()).path("versions").get(0).path("activities").get(0);
        assertThat(activity.path("activityId").asText()).isEqualTo("Work");
        assertThat(activity.path("failure").asText()).contains("cannot be mapped");
        assertThat(definitionsOf(cases)).containsOnly(v1.getId());
    }

    @Test
    void oneFaultyVersionStopsTheOthersToo() throws Exception {
        ProcessDefinition v1 = deploy("v1.bpmn");
        List<String> onV1 = start(2);
        ProcessDefinition v2 = deploy("v2-compatible.bpmn");
        List<String> onV2 = start(1);
        tasks.complete(tasks.createTaskQuery().processInstanceId(onV2.get(0)).singleResult().getId()); // now in "Check"
        deploy("v2-renamed.bpmn");

        ResponseEntity<String> response = post(MANAGER, Map.of("processKey", key));

        // v1's cases wait in "Work", which v3 renamed; v2's case waits in "Check", which v3 removed.
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode versions = JSON.readTree(response.getBody()).path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).path("activities").get(0).path("activityId").asText()).isEqualTo("Check");
        assertThat(definitionsOf(onV1)).containsOnly(v1.getId());
        assertThat(definitionsOf(onV2)).containsOnly(v2.getId());
    }

    @Test
    void aDryRunCountsAndChangesNothing() throws Exception {
        ProcessDefinition v1 = deploy("v1.bpmn");
        List<String> cases = start(2);
        deploy("v2-compatible.bpmn");

        ResponseEntity<String> response = post(MANAGER, Map.of("processKey", key, "dryRun", true));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("dryRun").asBoolean()).isTrue();
        assertThat(body.path("instances").asLong()).isEqualTo(2);
        assertThat(body.path("versions").get(0).path("execution").asText()).isEqualTo("DRY_RUN");
        assertThat(body.path("versions").get(0).path("instructions").asInt()).isPositive();
        assertThat(definitionsOf(cases)).containsOnly(v1.getId());
    }

    @Test
    void fromVersionMigratesThatVersionOnly() throws Exception {
        ProcessDefinition v1 = deploy("v1.bpmn");
        List<String> onV1 = start(1);
        String v1Changed = read("v1.bpmn").replace("name=\"Work\"", "name=\"Work, v2\"");
        ProcessDefinition v2 = deploy(v1Changed);
        List<String> onV2 = start(1);
        ProcessDefinition v3 = deploy("v2-compatible.bpmn");

        ResponseEntity<String> response = post(ADMIN, Map.of("processKey", key, "fromVersion", 2));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(response.getBody()).path("versions")).hasSize(1);
        assertThat(definitionsOf(onV2)).containsOnly(v3.getId());
        assertThat(definitionsOf(onV1)).containsOnly(v1.getId());
        assertThat(v2.getVersion()).isEqualTo(2);

        assertThat(post(MANAGER, Map.of("processKey", key, "fromVersion", 3)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(MANAGER, Map.of("processKey", key, "fromVersion", 7)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(MANAGER, Map.of("processKey", unique("NoSuchProcess"))).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void manyCasesMoveAsABatchOfJobs() throws Exception {
        deploy("v1.bpmn");
        List<String> cases = start(3);
        ProcessDefinition v2 = deploy("v2-compatible.bpmn");

        ProcessMigrations.Result result = migrations.migrate(new ProcessMigrations.Request(key, null, false, null), 2);

        ProcessMigrations.VersionResult version = result.versions().get(0);
        assertThat(version.execution()).isEqualTo("BATCH");
        assertThat(management.createBatchQuery().batchId(version.batchId()).count()).isEqualTo(1);
        // Managers may read it, as Cockpit's batch view does on their behalf; collectors may not. (Asked of the engine
        // directly: /engine-rest finds engines by name, and another test context's engine may hold the name.)
        assertThat(visibleBatches(MANAGER, "managers", version.batchId())).isEqualTo(1);
        assertThat(visibleBatches(COLLECTOR, "collectors", version.batchId())).isZero();
        runBatch(version.batchId());
        assertThat(definitionsOf(cases)).containsOnly(v2.getId());
    }

    @Test
    void collectorsAndIntegrationsAreRefused() {
        deploy("v1.bpmn");
        assertThat(post(COLLECTOR, Map.of("processKey", key)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(ERP, Map.of("processKey", key)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.postForEntity(PATH, json(Map.of("processKey", key)), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static final String ADMIN = "admin";

    private ResponseEntity<String> post(String user, Map<String, Object> body) {
        var client = ADMIN.equals(user) ? http.withBasicAuth("admin", "admin-test-password") : as(user);
        return client.postForEntity(PATH, json(body), String.class);
    }

    private static HttpEntity<String> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            return new HttpEntity<>(JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deploys a file of src/test/resources/process-migration, or a model given as XML, under this test's key. */
    private ProcessDefinition deploy(String fileOrXml) {
        String xml = fileOrXml.startsWith("<") ? fileOrXml : read(fileOrXml);
        String deployment = repository.createDeployment().name("migration-test")
                .addString("migration-test.bpmn", xml.replace("PROCESS_KEY", key)).deploy().getId();
        return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
    }

    private static String read(String file) {
        try (InputStream in = ProcessMigrationTest.class.getResourceAsStream("/process-migration/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> start(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> runtime.startProcessInstanceByKey(key, unique("CASE")).getId()).toList();
    }

    private List<String> definitionsOf(List<String> instances) {
        return instances.stream().map(id -> runtime.createProcessInstanceQuery().processInstanceId(id).singleResult()
                .getProcessDefinitionId()).toList();
    }

    private long visibleBatches(String user, String group, String batchId) {
        identity.setAuthentication(user, List.of(group));
        try {
            return management.createBatchQuery().batchId(batchId).count();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** What the job executor does: the seed job creates the migration jobs, which run, then the monitor job ends the batch. */
    private void runBatch(String batchId) {
        var batch = management.createBatchQuery().batchId(batchId).singleResult();
        for (int round = 0; round < 10 && management.createBatchQuery().batchId(batchId).count() > 0; round++) {
            for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
                    batch.getMonitorJobDefinitionId())) {
                for (Job job : management.createJobQuery().jobDefinitionId(definition).list()) {
                    management.executeJob(job.getId());
                }
            }
        }
        assertThat(management.createBatchQuery().batchId(batchId).count()).isZero();
    }
}
