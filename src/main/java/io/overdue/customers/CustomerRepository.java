package io.overdue.customers;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

interface CustomerRepository extends ListCrudRepository<Customer, Long> {

    Optional<Customer> findByCustomerNumber(String customerNumber);
}
