package io.overdue.demo;

import io.overdue.dunning.CollectionCaseProcess;
import io.overdue.payments.MatchPaymentProcess;
import io.overdue.plans.PaymentPlanProcess;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoiceStatus;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer sees after ./mvnw spring-boot:run: demo users, cases in several states, tasks to work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:overdue-demo;DB_CLOSE_DELAY=-1",
        "overdue.demo.enabled=true",
        "camunda.bpm.job-execution.enabled=false"})
class DemoDataTest {

    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired FilterService filters;
    @Autowired InvoiceService invoices;
    @Autowired DemoData demoData;
    @Autowired ProcessEngine engine;
    @Autowired List<ProcessEnginePlugin> plugins;
    @Autowired TestRestTemplate http;

    @Test
    void collectorsFindCallTasksInTheirFilter() {
        List<Task> open = tasks.createTaskQuery().taskCandidateGroup(CollectionCaseProcess.Groups.COLLECTORS).list();
        assertThat(open).extracting(Task::getTaskDefinitionKey).hasSize(5).containsOnly(
                CollectionCaseProcess.Elements.CALL_CUSTOMER, PaymentPlanProcess.Elements.PROPOSE_PAYMENT_PLAN,
                MatchPaymentProcess.Elements.MATCH_PAYMENT_TASK);
        assertThat(filters.createFilterQuery().filterName("Collection tasks").count()).isEqualTo(1);

        // Through the REST API with authorizations on, as the demo collector.
        var response = http.withBasicAuth("collector", "collector").getForEntity("/engine-rest/task", String.class);
        assertThat(response.getBody()).contains("Call customer");
        var filter = http.withBasicAuth("collector", "collector").getForEntity("/engine-rest/filter", String.class);
        assertThat(filter.getBody()).contains("Collection tasks");
        Task call = open.stream().filter(t -> t.getTaskDefinitionKey().equals(CollectionCaseProcess.Elements.CALL_CUSTOMER))
                .findFirst().orElseThrow();
        var form = http.withBasicAuth("collector", "collector")
                .getForEntity("/engine-rest/task/" + call.getId() + "/deployed-form", String.class);
        assertThat(form.getBody()).contains(CollectionCaseProcess.Forms.CALL_CUSTOMER);
    }

    @Test
    void collectorsFindABankPaymentToMatchWithSuggestions() {
        Task match = tasks.createTaskQuery().processDefinitionKey(MatchPaymentProcess.PROCESS_KEY).singleResult();
        assertThat(match.getName()).isEqualTo("Match payment");
        // Asked of the engine directly: /engine-rest finds engines by name, and another test context's may hold it.
        var variables = engine.getFormService().getTaskFormVariables(match.getId(), null, false);
        assertThat(variables.getValueTyped(MatchPaymentProcess.TaskFacts.SUGGESTIONS).getType().getName()).isEqualTo("json");
        assertThat(((org.camunda.bpm.engine.variable.value.SerializableValue) variables
                .getValueTyped(MatchPaymentProcess.TaskFacts.SUGGESTIONS)).getValueSerialized())
                .contains("900102", "ANOTHER_INVOICE");
        assertThat(variables.getValue(MatchPaymentProcess.TaskFacts.PAYER, String.class)).isEqualTo("NORDLYS BYGG AS");
        assertThat(engine.getFormService().getTaskFormData(match.getId()).getCamundaFormRef().getKey())
                .isEqualTo(MatchPaymentProcess.Forms.MATCH_PAYMENT);
    }

    @Test
    void casesAreInVariousStates() {
        assertThat(invoices.view("900101").collectionCase().waitingAt()).containsExactly("Await due date");
        assertThat(invoices.view("900104").collectionCase().waitingAt()).containsExactly("Run payment plan");
        assertThat(invoices.view("900106").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoices.view("900106").collectionCase().outcome()).isEqualTo("Paid");
        assertThat(invoices.view("500201").collectionCase().waitingAt()).containsExactly("Call customer");
    }

    @Test
    void demoUsersExistInTheirGroups() {
        assertThat(identity.createUserQuery().memberOfGroup("collectors").list()).extracting(u -> u.getId())
                .contains("collector", "manager");
        assertThat(identity.checkPassword("erp", "erp")).isTrue();
        assertThat(identity.checkPassword("demo", "demo")).isTrue();
    }

    @Test
    void aRestartChangesNothing() {
        long cases = history.createHistoricProcessInstanceQuery().count();
        long definitions = engine.getRepositoryService().createProcessDefinitionQuery().count();
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();

        demoData.load();
        plugins.forEach(plugin -> plugin.postProcessEngineBuild(engine));

        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(cases);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(definitions);
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(tasks.createTaskQuery().count()).isEqualTo(5);
    }
}
