package io.overdue.invoices;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

interface InvoiceRepository extends ListCrudRepository<Invoice, Long> {

    Optional<Invoice> findByInvoiceNumber(String invoiceNumber);
}
