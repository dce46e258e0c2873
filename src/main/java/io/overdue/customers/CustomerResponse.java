package io.overdue.customers;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
record CustomerResponse(String customerNumber, String name, String organisationNumber, CustomerKind kind,
                        String country, String language, String email, String phone, BigDecimal creditLimit,
                        String creditLimitCurrency, boolean creditHold, CreditHoldSource creditHoldSource, boolean smsOptOut, List<String> postalAddress, List<Contact> contacts,
                        Instant createdAt, Instant updatedAt, CustomerService.Outcome result) {

    static CustomerResponse of(Customer c, CustomerService.Outcome result) {
        return new CustomerResponse(c.customerNumber(), c.name(), c.organisationNumber(), c.kind(), c.country(),
                c.language(), c.email(), c.phone(), c.creditLimit() == null ? null : c.creditLimit().stripTrailingZeros(),
                c.creditLimitCurrency(), c.creditHold(), c.creditHoldSource(), c.smsOptOut(), c.postalAddress() == null ? null : c.postalAddressLines(), c.contacts(), c.createdAt(), c.updatedAt(), result);
    }
}
