package io.overdue.customers;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** A customer as an ERP sends it. Unknown optional fields are left empty rather than guessed. */
@Schema(description = "A customer (debtor). Phone numbers are normalised to E.164.")
public record CustomerRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 32) @Schema(description = "Organisation number; check digit validated for NO (9 digits) and SE (10 digits)")
        String organisationNumber,
        @NotNull CustomerKind kind,
        @NotBlank @Schema(description = "ISO 3166-1 alpha-2", example = "NO") String country,
        @NotBlank @Schema(description = "ISO 639-1 language for notices", example = "nb") String language,
        @Email @Size(max = 254) String email,
        @Schema(description = "E.164, or national format read in the customer's country", example = "+4791234567") String phone,
        @PositiveOrZero BigDecimal creditLimit,
        @Schema(description = "ISO 4217 currency of the credit limit", example = "NOK") String creditLimitCurrency,
        @Schema(description = "The ERP's own credit hold: true places it, false lifts it, absent keeps the current state. "
                + "It never lifts a hold placed by the dunning policy (see docs/credit-hold.md).")
        Boolean creditHold,
        Boolean smsOptOut,
        @Valid List<@NotNull @Valid ContactRequest> contacts,
        @Schema(description = "Postal address for letters, as printed: one line each, at most 5 lines of 100 characters",
                example = "[\"Storgata 1\", \"0155 Oslo\"]")
        List<String> postalAddress) {

    /** Without a postal address (letters then carry none). */
    public CustomerRequest(String name, String organisationNumber, CustomerKind kind, String country, String language,
                           String email, String phone, BigDecimal creditLimit, String creditLimitCurrency,
                           Boolean creditHold, Boolean smsOptOut, List<ContactRequest> contacts) {
        this(name, organisationNumber, kind, country, language, email, phone, creditLimit, creditLimitCurrency, creditHold,
                smsOptOut, contacts, null);
    }

    public record ContactRequest(
            @NotNull ContactRole role,
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            String phone) {
    }
}
