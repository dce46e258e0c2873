package io.overdue.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Refuses to start a production instance whose admin password is unset or guessable. It is a process engine
 * plugin so that it is created, and fails, before the engine is built and the admin user is stored.
 */
@Component
class AdminPasswordGuard extends AbstractProcessEnginePlugin {

    AdminPasswordGuard(IdentityProperties properties,
                       @Value("${camunda.bpm.admin-user.id:}") String adminId,
                       @Value("${camunda.bpm.admin-user.password:}") String adminPassword) {
        if (!properties.requireStrongAdminPassword()) {
            return;
        }
        if (adminId.isBlank()) {
            throw new IllegalStateException("No admin user is configured: set OVERDUE_ADMIN_USER and OVERDUE_ADMIN_PASSWORD");
        }
        if (adminPassword.isBlank()) {
            throw new IllegalStateException("The admin password is not set: set OVERDUE_ADMIN_PASSWORD");
        }
        String lower = adminPassword.toLowerCase(Locale.ROOT);
        if (lower.equals(adminId.toLowerCase(Locale.ROOT)) || properties.knownDefaultPasswords().contains(lower)) {
            throw new IllegalStateException("The admin password is a known default: choose another OVERDUE_ADMIN_PASSWORD");
        }
        if (adminPassword.length() < properties.minimumAdminPasswordLength()) {
            throw new IllegalStateException("The admin password is shorter than "
                    + properties.minimumAdminPasswordLength() + " characters: choose a longer OVERDUE_ADMIN_PASSWORD");
        }
    }
}
