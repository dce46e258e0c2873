package io.overdue.invoices;

import io.overdue.shared.ReferenceType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An invoice sent to a customer; amounts are exact decimals in the invoice currency. */
@Table("invoice")
public record Invoice(
        @Id Long id,
        String invoiceNumber,
        Long customerId,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        BigDecimal amount,
        BigDecimal openBalance,
        String paymentReference,
        ReferenceType referenceType,
        InvoiceStatus status,
        @Version Long version,
        Instant createdAt,
        Instant updatedAt) {
}
