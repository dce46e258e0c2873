package io.overdue.plans;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The acceptance page's form, submitted over HTTP as a customer's browser submits it. */
final class AcceptanceForm {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private AcceptanceForm() {
    }

    /** Posts the form of {@code page}: its CSRF field, the cookie that came with it, and the token. */
    static ResponseEntity<String> submit(TestRestTemplate http, String token, ResponseEntity<String> page) {
        Matcher csrf = CSRF.matcher(page.getBody());
        assertThat(csrf.find()).as("the page has a form").isTrue();
        String cookie = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split(";")[0];
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token);
        form.add("_csrf", csrf.group(1));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookie);
        return http.exchange(PlanAcceptancePage.PATH, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }
}
