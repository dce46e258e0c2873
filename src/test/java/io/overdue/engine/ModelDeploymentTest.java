package io.overdue.engine;

import io.overdue.dunning.CollectionCaseProcess.Forms;
import io.overdue.payments.MatchPaymentProcess;
import io.overdue.plans.PaymentPlanProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Models and forms are deployed under stable names; only a changed file makes a new version. */
class ModelDeploymentTest {

    private ProcessEngine engine;
    private final ModelDeployment deployment = new ModelDeployment();

    @BeforeEach
    void engine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:model-deployment;DB_CLOSE_DELAY=1000");
        configuration.setProcessEngineName("model-deployment-test");
        configuration.setJobExecutorActivate(false);
        configuration.setDbMetricsReporterActivate(false);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        engine = configuration.buildProcessEngine();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void everyModelAndFormIsDeployedUnderItsRelativePath() {
        deployment.postProcessEngineBuild(engine);
        var repository = engine.getRepositoryService();
        String id = repository.createDeploymentQuery().deploymentName(ModelDeployment.DEPLOYMENT_NAME).singleResult().getId();
        assertThat(repository.getDeploymentResourceNames(id))
                .contains("bpmn/collection-case.bpmn", "bpmn/dunning-policy.dmn", "bpmn/payment-plan-policy.dmn",
                        MatchPaymentProcess.RESOURCE, Forms.CALL_CUSTOMER_RESOURCE);
    }

    @Test
    void theCollectionCasesFormsAreDeployedAndFoundByTheirIds() {
        deployment.postProcessEngineBuild(engine);
        var repository = engine.getRepositoryService();
        String id = repository.createDeploymentQuery().deploymentName(ModelDeployment.DEPLOYMENT_NAME).singleResult().getId();
        assertThat(repository.getDeploymentResourceNames(id)).containsAll(Forms.RESOURCES);
        // What camunda:formRef with binding "latest" resolves: the form's id, as the engine read it from the file.
        Map<String, String> ids = Map.of(Forms.CALL_CUSTOMER_RESOURCE, Forms.CALL_CUSTOMER,
                Forms.RESOLVE_DISPUTE_RESOURCE, Forms.RESOLVE_DISPUTE, Forms.DECIDE_ESCALATION_RESOURCE, Forms.DECIDE_ESCALATION,
                Forms.PREPARE_LEGAL_ACTION_RESOURCE, Forms.PREPARE_LEGAL_ACTION,
                PaymentPlanProcess.Forms.PROPOSE_PAYMENT_PLAN_RESOURCE, PaymentPlanProcess.Forms.PROPOSE_PAYMENT_PLAN,
                PaymentPlanProcess.Forms.APPROVE_PAYMENT_PLAN_RESOURCE, PaymentPlanProcess.Forms.APPROVE_PAYMENT_PLAN,
                PaymentPlanProcess.Forms.CONFIRM_PAYMENT_PLAN_RESOURCE, PaymentPlanProcess.Forms.CONFIRM_PAYMENT_PLAN,
                MatchPaymentProcess.Forms.MATCH_PAYMENT_RESOURCE, MatchPaymentProcess.Forms.MATCH_PAYMENT);
        List<String> resources = new ArrayList<>(Forms.RESOURCES);
        resources.addAll(PaymentPlanProcess.Forms.RESOURCES);
        resources.addAll(MatchPaymentProcess.Forms.RESOURCES);
        assertThat(repository.getDeploymentResourceNames(id)).containsAll(resources);
        assertThat(ids).containsOnlyKeys(resources);
        for (String resource : resources) {
            String formId = ids.get(resource);
            CamundaFormDefinitionEntity form = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired().execute(context -> context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId));
            assertThat(form).as(formId).isNotNull();
            assertThat(form.getResourceName()).isEqualTo(resource);
            assertThat(form.getDeploymentId()).isEqualTo(id);
        }
    }

    @Test
    void deployingUnchangedFilesAgainMakesNoNewVersion() {
        deployment.postProcessEngineBuild(engine);
        deployment.postProcessEngineBuild(engine);
        var repository = engine.getRepositoryService();
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(1);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("CollectionCase").latestVersion()
                .singleResult().getVersion()).isEqualTo(1);
    }

    @Test
    void aChangedModelMakesANewVersionOfThatModelOnly() throws Exception {
        deployment.postProcessEngineBuild(engine);
        var repository = engine.getRepositoryService();
        String original = new String(getClass().getResourceAsStream("/bpmn/collection-case.bpmn").readAllBytes(), StandardCharsets.UTF_8);
        // What a manager's edit in the Modeler amounts to: the same resource name with other content.
        repository.createDeployment().name(ModelDeployment.DEPLOYMENT_NAME).source("overdue").enableDuplicateFiltering(true)
                .addString("bpmn/collection-case.bpmn", original.replace("</bpmn:definitions>", "<!-- edited -->\n</bpmn:definitions>"))
                .addInputStream(Forms.CALL_CUSTOMER_RESOURCE, getClass().getResourceAsStream("/" + Forms.CALL_CUSTOMER_RESOURCE))
                .deploy();
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey("CollectionCase").latestVersion().singleResult();
        assertThat(latest.getVersion()).isEqualTo(2);
        assertThat(repository.getDeploymentResourceNames(latest.getDeploymentId())).containsExactly("bpmn/collection-case.bpmn");
    }
}
