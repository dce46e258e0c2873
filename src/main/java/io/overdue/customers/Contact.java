package io.overdue.customers;

import org.springframework.data.relational.core.mapping.Table;

@Table("customer_contact")
public record Contact(ContactRole role, String name, String email, String phone) {
}
