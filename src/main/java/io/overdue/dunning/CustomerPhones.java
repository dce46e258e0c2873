package io.overdue.dunning;

import io.overdue.customers.Contact;
import io.overdue.customers.Customer;
import io.overdue.shared.PhoneNumbers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The numbers a customer may write to us from: its own and its contacts', in E.164. */
final class CustomerPhones {

    private CustomerPhones() {
    }

    static List<String> of(Customer customer) {
        Set<String> numbers = new LinkedHashSet<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(customer.phone()),
                        customer.contacts().stream().map(Contact::phone))
                .filter(Objects::nonNull).forEach(number -> {
                    try {
                        numbers.add(PhoneNumbers.toE164(number, customer.country()));
                    } catch (IllegalArgumentException e) {
                        // a number no SMS can come from
                    }
                });
        return List.copyOf(numbers);
    }
}
