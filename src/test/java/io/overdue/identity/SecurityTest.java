package io.overdue.identity;

import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** One user store (Camunda's identity service) for our API, /engine-rest and the web apps. */
class SecurityTest extends ApplicationTest {

    private static final String LOCKED_OUT = "nosuchuser";

    private HttpStatus get(String user, String path) {
        var client = user == null ? http : as(user);
        return (HttpStatus) client.getForEntity(path, String.class).getStatusCode();
    }

    @Test
    void healthChecksNeedNoLogin() {
        assertThat(get(null, "/actuator/health")).isEqualTo(HttpStatus.OK);
        assertThat(get(null, "/actuator/health/liveness")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theApiNeedsALoginFromTheIdentityService() {
        assertThat(get(null, "/api/customers/ANY")).isEqualTo(HttpStatus.UNAUTHORIZED);
        // A wrong password is tried on a user of its own: the identity service then delays that user's next login.
        assertThat(http.withBasicAuth(LOCKED_OUT, "wrong").getForEntity("/api/customers/ANY", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get(ERP, "/api/customers/ANY")).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(null, "/v3/api-docs")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get(ERP, "/v3/api-docs")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void collectorsMayReadButNotFeedInvoices() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as(COLLECTOR).postForEntity("/api/invoices", new HttpEntity<>("{}", headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(ERP).postForEntity("/api/invoices", new HttpEntity<>("{}", headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get(COLLECTOR, "/api/invoices/NONE")).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void metricsAreForManagersAndAdmins() {
        assertThat(get(null, "/actuator/prometheus")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get(ERP, "/actuator/prometheus")).isEqualTo(HttpStatus.FORBIDDEN);
        var admin = http.withBasicAuth("admin", "admin-test-password").getForEntity("/actuator/prometheus", String.class);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.getBody()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theEngineRestApiNeedsALoginAndAppliesAuthorizations() {
        assertThat(get(null, "/engine-rest/process-definition")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth(LOCKED_OUT, "wrong").getForEntity("/engine-rest/process-definition", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        var admin = http.withBasicAuth("admin", "admin-test-password").getForEntity("/engine-rest/process-definition", String.class);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.getBody()).contains("CollectionCase");
        // Logged in, but integrations have no permissions in the engine: the definitions are invisible to them.
        var erp = as(ERP).getForEntity("/engine-rest/process-definition", String.class);
        assertThat(erp.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(erp.getBody()).isEqualTo("[]");
        assertThat(as(COLLECTOR).getForEntity("/engine-rest/process-definition", String.class).getBody()).contains("CollectionCase");
    }

    @Test
    void theWebAppsAskForTheirOwnLogin() {
        assertThat(get(null, "/camunda/app/tasklist/default/")).isEqualTo(HttpStatus.OK);
        // The web apps' API answers only after their login form was used.
        assertThat(get(null, "/camunda/api/engine/engine/default/process-definition")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
