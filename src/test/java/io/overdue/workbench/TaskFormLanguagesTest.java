package io.overdue.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overdue.dunning.CaseActions;
import io.overdue.support.ApplicationTest;
import io.overdue.support.WebappsEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasklist gets each task's Camunda Form in the user's language: the form as the engine's API serves it to Tasklist,
 * over real HTTP with the web apps' login, in English, bokmål (from the browser) and Swedish (the user's choice
 * beats the browser).
 */
class TaskFormLanguagesTest extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProcessEngine engine;
    @Autowired CaseActions cases;
    @Autowired TaskService tasks;
    @Autowired FormTranslations translations;
    @LocalServerPort int port;

    ProcessEngine webappsEngineBefore;
    String taskId;

    @BeforeEach
    void aCallTask() {
        webappsEngineBefore = WebappsEngine.bind(engine);
        String customer = unique("L");
        WorkbenchTestData.customer(as(ERP), customer, """
                {"name": "Lofoten Fisk AS", "kind": "BUSINESS", "country": "NO", "language": "nb"}""");
        String invoice = WorkbenchTestData.invoice(as(ERP), customer, LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(30),
                "NOK", "4200");
        assertThat(cases.callNow(invoice)).isTrue();
        taskId = tasks.createTaskQuery().processInstanceBusinessKey(invoice).singleResult().getId();
    }

    @AfterEach
    void webappsUseTheirEngineAgain() {
        WebappsEngine.restore(webappsEngineBefore);
    }

    @Test
    void theFormIsInTheBrowsersLanguage() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.language = "nb-NO,nb;q=0.9,en;q=0.5";
        browser.login(COLLECTOR, PASSWORD);

        HttpResponse<String> form = browser.get(deployedForm());

        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Language")).hasValue("nb");
        List<String> labels = labels(JSON.readTree(form.body()));
        assertThat(labels).contains(translations.texts("nb").getProperty("CallCustomerForm.Field_ContactResult.label"))
                .doesNotContain("Invoice number");
        assertThat(keys(JSON.readTree(form.body()))).isEqualTo(keys(english()));
    }

    @Test
    void theUsersChoiceBeatsTheBrowser() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.language = "nb";
        browser.login(COLLECTOR, PASSWORD);
        String csrf = browser.csrf(browser.get("/workbench").body());
        browser.post("/workbench/language", "language=sv&back=/workbench&_csrf=" + csrf);
        try {
            HttpResponse<String> form = browser.get(deployedForm());

            assertThat(labels(JSON.readTree(form.body())))
                    .contains(translations.texts("sv").getProperty("CallCustomerForm.Field_ContactResult.label"));
        } finally {
            engine.getIdentityService().deleteUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY);
        }
    }

    @Test
    void anEnglishBrowserGetsTheFormAsDeployed() throws Exception {
        JsonNode form = english();

        assertThat(labels(form)).contains("Invoice number");
    }

    private JsonNode english() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.language = "en-GB";
        browser.login(COLLECTOR, PASSWORD);
        HttpResponse<String> form = browser.get(deployedForm());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Language")).isEmpty();
        return JSON.readTree(form.body());
    }

    private String deployedForm() {
        return "/camunda/api/engine/engine/default/task/" + taskId + "/deployed-form";
    }

    private static List<String> labels(JsonNode form) {
        List<String> labels = new ArrayList<>();
        form.findValues("label").forEach(label -> labels.add(label.asText()));
        return labels;
    }

    private static List<String> keys(JsonNode form) {
        List<String> keys = new ArrayList<>();
        form.findValues("key").forEach(key -> keys.add(key.asText()));
        form.findValues("value").forEach(value -> keys.add(value.asText()));
        return keys;
    }
}
