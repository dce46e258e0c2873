package io.overdue.invoices;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

interface InvoiceRepository extends ListCrudRepository<Invoice, Long> {

    Optional<Invoice> findByInvoiceNumber(String invoiceNumber);

    List<Invoice> findByCustomerIdAndStatusOrderByDueDateAscInvoiceNumberAsc(Long customerId, InvoiceStatus status);

    List<Invoice> findByCustomerIdOrderByIssueDateAscInvoiceNumberAsc(Long customerId);
}
