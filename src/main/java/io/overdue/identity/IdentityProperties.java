package io.overdue.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param requireStrongAdminPassword refuse to start while the admin password ({@code camunda.bpm.admin-user.password},
 *                                   from OVERDUE_ADMIN_PASSWORD in production) is unset, short or a known default
 * @param minimumAdminPasswordLength the shortest admin password accepted when that check is on
 * @param knownDefaultPasswords      passwords that ship in examples and are tried first by attackers
 */
@ConfigurationProperties("overdue.identity")
public record IdentityProperties(boolean requireStrongAdminPassword, Integer minimumAdminPasswordLength,
                                 List<String> knownDefaultPasswords) {

    public IdentityProperties {
        minimumAdminPasswordLength = minimumAdminPasswordLength == null ? 12 : minimumAdminPasswordLength;
        knownDefaultPasswords = knownDefaultPasswords == null ? List.of("admin", "demo", "password", "changeme",
                "change-me", "camunda", "secret", "overdue", "123456", "12345678", "administrator", "postgres")
                : knownDefaultPasswords;
    }
}
