package io.overdue.shared;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who the money is owed to, as every notice and the payment-plan page must say. Required: the app does not start
 * without it. In {@code shared} because dunning notices and payment plans both state it, and plans may not use dunning.
 */
@Validated
@ConfigurationProperties("overdue.creditor")
public record CreditorProperties(@NotBlank String name, String organisationNumber, @NotBlank String bankAccount,
                                 @NotBlank String email, @NotBlank String phone, List<String> address) {

    public CreditorProperties {
        // An unset environment variable binds as one empty line.
        address = address == null ? List.of() : address.stream().filter(line -> line != null && !line.isBlank()).toList();
    }
}
