package io.overdue.workbench;

import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login for the workbench and the Camunda web apps, over real HTTP with a browser's cookie jar: a login on either
 * side opens the other, logging out ends both, and only collectors, managers and admins get in.
 */
class WorkbenchLoginTest extends ApplicationTest {

    @LocalServerPort int port;

    @Test
    void aPageAsksForALoginFirst() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> queue = browser.get("/workbench");
        assertThat(queue.statusCode()).isEqualTo(302);
        assertThat(queue.headers().firstValue("Location").orElseThrow()).endsWith("/workbench/login");
        HttpResponse<String> login = browser.get("/workbench/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"_csrf\"");
    }

    @Test
    void aLoginOnTheWorkbenchLogsTheUserInToTasklistToo() throws Exception {
        Browser browser = new Browser();
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
        Browser browser = new Browser();
        browser.get("/camunda/app/welcome/default/"); // sets Camunda's XSRF-TOKEN cookie
        HttpResponse<String> login = browser.camundaLogin(COLLECTOR, PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> queue = browser.get("/workbench");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("Work queue");
    }

    @Test
    void loggingOutEndsBoth() throws Exception {
        Browser browser = new Browser();
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
        Browser stranger = new Browser();
        HttpResponse<String> wrong = stranger.login(guesser, "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/workbench/login?error");
        assertThat(stranger.get("/workbench").statusCode()).isEqualTo(302);

        Browser erp = new Browser();
        erp.login(ERP, PASSWORD);
        assertThat(erp.get("/workbench").statusCode()).isEqualTo(403);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        Browser browser = new Browser();
        browser.login(COLLECTOR, PASSWORD);
        assertThat(browser.post("/workbench/tasks/any/claim", "open=queue").statusCode()).isEqualTo(403);
    }

    @Test
    void theLanguageFollowsTheBrowserUntilTheUserChoosesOne() throws Exception {
        identity.deleteUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY);
        Browser browser = new Browser();
        browser.language = "sv-SE,sv;q=0.9,en;q=0.5";
        browser.login(COLLECTOR, PASSWORD);
        assertThat(browser.get("/workbench").body()).contains("Arbetskö", "lang=\"sv\"");

        String csrf = browser.csrf(browser.get("/workbench").body());
        browser.post("/workbench/language", "language=nb&back=/workbench&_csrf=" + csrf);
        assertThat(browser.get("/workbench").body()).contains("Arbeidskø", "lang=\"nb\"");
        assertThat(identity.getUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY)).isEqualTo("nb");

        // The choice is the user's, not the browser's: a new session in another browser keeps it.
        Browser other = new Browser();
        other.language = "en-GB";
        other.login(COLLECTOR, PASSWORD);
        assertThat(other.get("/workbench").body()).contains("Arbeidskø");
        identity.deleteUserInfo(COLLECTOR, WorkbenchLocales.PROFILE_KEY);
    }

    /** A browser's cookies and CSRF handling, without a browser. */
    class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        String language = "en-GB";

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
            String csrf = csrf(get("/workbench/login").body());
            return post("/workbench/login", "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + csrf);
        }

        /** As the Camunda welcome page logs in: its own API, its own CSRF cookie and header. */
        HttpResponse<String> camundaLogin(String user, String password) throws IOException, InterruptedException {
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
            return client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/welcome"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) {
            Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            assertThat(matcher.find()).as("a CSRF token in " + page).isTrue();
            return encode(matcher.group(1));
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
