package io.overdue.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminPasswordGuardTest {

    private static final IdentityProperties PRODUCTION = new IdentityProperties(true, null, null);

    @ParameterizedTest
    @CsvSource(value = {
            "admin,'',not set",
            "admin,admin,known default",
            "admin,Demo,known default",
            "admin,changeme,known default",
            "root,root,known default",
            "admin,short-pw,shorter than 12",
            "'',Long-enough-password-1,No admin user"})
    void productionRefusesUnsetOrGuessablePasswords(String user, String password, String message) {
        assertThatThrownBy(() -> new AdminPasswordGuard(PRODUCTION, user, password))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }

    @Test
    void aStrongPasswordPasses() {
        assertThatCode(() -> new AdminPasswordGuard(PRODUCTION, "admin", "Correct-Horse-Battery-9")).doesNotThrowAnyException();
    }

    @Test
    void theDemoModeDoesNotCheck() {
        assertThatCode(() -> new AdminPasswordGuard(new IdentityProperties(false, null, null), "demo", "demo"))
                .doesNotThrowAnyException();
    }
}
