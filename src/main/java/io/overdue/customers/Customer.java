package io.overdue.customers;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A debtor as the ERP knows it, identified by the ERP's customer number. */
@Table("customer")
public record Customer(
        @Id Long id,
        String customerNumber,
        String name,
        String organisationNumber,
        CustomerKind kind,
        String country,
        String language,
        String email,
        String phone,
        BigDecimal creditLimit,
        String creditLimitCurrency,
        boolean creditHold,
        CreditHoldSource creditHoldSource,
        boolean smsOptOut,
        String postalAddress,
        @MappedCollection(idColumn = "customer_id", keyColumn = "sort_order") List<Contact> contacts,
        @Version Long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether applying {@code other}'s data would change anything a user can see. */
    boolean sameDataAs(Customer other) {
        return customerNumber.equals(other.customerNumber) && name.equals(other.name)
                && java.util.Objects.equals(organisationNumber, other.organisationNumber) && kind == other.kind
                && country.equals(other.country) && language.equals(other.language)
                && java.util.Objects.equals(email, other.email) && java.util.Objects.equals(phone, other.phone)
                && compare(creditLimit, other.creditLimit)
                && java.util.Objects.equals(creditLimitCurrency, other.creditLimitCurrency)
                && creditHold == other.creditHold && creditHoldSource == other.creditHoldSource
                && smsOptOut == other.smsOptOut
                && java.util.Objects.equals(postalAddress, other.postalAddress)
                && contacts.equals(other.contacts);
    }

    private static boolean compare(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** The postal address as the lines a letter prints; empty when none is known. */
    public List<String> postalAddressLines() {
        return postalAddress == null ? List.of() : List.of(postalAddress.split("\n"));
    }
}
