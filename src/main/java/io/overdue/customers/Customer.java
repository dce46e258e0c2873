package io.overdue.customers;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import io.overdue.shared.PhoneNumbers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** Finance contacts in the order a later dunning level escalates to them (brief, practice 15). */
    private static final List<ContactRole> FINANCE_ROLES = List.of(ContactRole.CFO, ContactRole.CEO);

    /**
     * Where written notices go: accounts payable when the customer named one with an address, otherwise the
     * customer's own address; null when there is neither.
     */
    public String noticeEmail() {
        return contacts.stream()
                .filter(c -> c.role() == ContactRole.ACCOUNTS_PAYABLE && c.email() != null && !c.email().isBlank())
                .map(Contact::email).findFirst().orElse(email);
    }

    /** The CFO, else the CEO, who has an email address: who gets a copy of what binds the business. */
    public Optional<Contact> financeContact() {
        for (ContactRole role : FINANCE_ROLES) {
            Optional<Contact> contact = contacts.stream()
                    .filter(c -> c.role() == role && c.email() != null && !c.email().isBlank()).findFirst();
            if (contact.isPresent()) {
                return contact;
            }
        }
        return Optional.empty();
    }

    /** The customer's own number, else a contact's, that can take a text; none when the customer opted out. */
    public Optional<String> smsNumber() {
        if (smsOptOut) {
            return Optional.empty();
        }
        if (PhoneNumbers.canReceiveSms(phone, country)) {
            return Optional.of(phone);
        }
        return contacts.stream().map(Contact::phone).filter(number -> PhoneNumbers.canReceiveSms(number, country)).findFirst();
    }

    /** Every number the customer or a contact of it may text us from, in E.164, the customer's own first. */
    public List<String> phoneNumbers() {
        java.util.Set<String> numbers = new java.util.LinkedHashSet<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(phone), contacts.stream().map(Contact::phone))
                .filter(java.util.Objects::nonNull).forEach(number -> {
                    try {
                        numbers.add(PhoneNumbers.toE164(number, country));
                    } catch (IllegalArgumentException e) {
                        // not a number anything can come from
                    }
                });
        return List.copyOf(numbers);
    }

    /** The postal address as the lines a letter prints; empty when none is known. */
    public List<String> postalAddressLines() {
        return postalAddress == null ? List.of() : List.of(postalAddress.split("\n"));
    }
}
