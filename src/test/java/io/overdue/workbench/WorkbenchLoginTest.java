package io.overdue.workbench;

import io.overdue.support.ApplicationTest;
import io.overdue.support.WebappsEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login for the workbench and the Camunda web apps, over real HTTP with a browser's cookie jar: a login on either
 * side opens the other, logging out ends both, and only collectors, managers and admins get in.
 */
class WorkbenchLoginTest extends ApplicationTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

    ProcessEngine webappsEngineBefore;

    @BeforeEach
    void webappsUseThisEngine() {
        webappsEngineBefore = WebappsEngine.bind(engine);
    }

    @AfterEach
    void webappsUseTheirEngineAgain() {
        WebappsEngine.restore(webappsEngineBefore);
    }

    @Test
    void aPageAsksForALoginFirst() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        HttpResponse<String> queue = browser.get("/workbench");
        assertThat(queue.statusCode()).isEqualTo(302);
        assertThat(queue.headers().firstValue("Location").orElseThrow()).endsWith("/workbench/login");
        HttpResponse<String> login = browser.get("/workbench/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"_csrf\"");
    }

    @Test
    void aLoginOnTheWorkbenchLogsTheUserInToTasklistToo() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        HttpResponse<String> loggedIn = browser.login(COLLECTOR, PASSWORD);
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).endsWith("/workbench");

        HttpResponse<String> queue = browser.get("/workbench");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("Work queue", COLLECTOR);
        // What Tasklist asks when it opens: who is logged in.
        HttpResponse<String> camunda = browser.get("/camunda/api/admin/auth/user/default");
        assertThat(camunda.statusCode()).isEqualTo(200);
        assertThat(camunda.body()).contains("\"userId\":\"" + COLLECTOR + "\"").contains("tasklist");
    }

    @Test
    void aLoginInTheCamundaWebAppsOpensTheWorkbench() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.get("/camunda/app/welcome/default/"); // sets Camunda's XSRF-TOKEN cookie
        HttpResponse<String> login = browser.camundaLogin(COLLECTOR, PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> queue = browser.get("/workbench");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("Work queue");
    }

    @Test
    void loggingOutEndsBoth() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        assertThat(browser.login(COLLECTOR, PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> queue = browser.get("/workbench");
        assertThat(queue.statusCode()).as(queue.headers().map().toString()).isEqualTo(200);
        String csrf = browser.csrf(queue.body());
        HttpResponse<String> logout = browser.post("/workbench/logout", "_csrf=" + csrf);
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/workbench/login?logout");

        assertThat(browser.get("/workbench").statusCode()).isEqualTo(302);
        assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isNotEqualTo(200);
    }

    @Test
    void wrongPasswordsAndIntegrationUsersStayOut() throws Exception {
        // A user of its own: Camunda holds a user back for seconds after a wrong password, which would fail others.
        String guesser = "wrongpasswordtest";
        if (identity.createUserQuery().userId(guesser).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(guesser);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(guesser, "collectors");
        }
        WorkbenchHttp stranger = new WorkbenchHttp(port);
        HttpResponse<String> wrong = stranger.login(guesser, "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/workbench/login?error");
        assertThat(stranger.get("/workbench").statusCode()).isEqualTo(302);

        WorkbenchHttp erp = new WorkbenchHttp(port);
        erp.login(ERP, PASSWORD);
        assertThat(erp.get("/workbench").statusCode()).isEqualTo(403);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(COLLECTOR, PASSWORD);
        assertThat(browser.post("/workbench/tasks/any/claim", "open=queue").statusCode()).isEqualTo(403);
    }

    @Test
    void theLanguageFollowsTheBrowserUntilTheUserChoosesOne() throws Exception {
        identity.deleteUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY);
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.language = "sv-SE,sv;q=0.9,en;q=0.5";
        browser.login(COLLECTOR, PASSWORD);
        assertThat(browser.get("/workbench").body()).contains("Arbetskö", "lang=\"sv\"");

        String csrf = browser.csrf(browser.get("/workbench").body());
        browser.post("/workbench/language", "language=nb&back=/workbench&_csrf=" + csrf);
        assertThat(browser.get("/workbench").body()).contains("Arbeidskø", "lang=\"nb\"");
        assertThat(identity.getUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY)).isEqualTo("nb");

        // The choice is the user's, not the browser's: a new session in another browser keeps it.
        WorkbenchHttp other = new WorkbenchHttp(port);
        other.language = "en-GB";
        other.login(COLLECTOR, PASSWORD);
        assertThat(other.get("/workbench").body()).contains("Arbeidskø");
        identity.deleteUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY);
    }

}
