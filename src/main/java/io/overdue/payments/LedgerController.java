package io.overdue.payments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments")
class LedgerController {

    private final CustomerLedger ledger;

    LedgerController(CustomerLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/customers/{customerNumber}/ledger")
    @Operation(summary = "A customer's ledger",
            description = "Per currency, in date order: invoices, fees, compensation, plan fees, interest, credit notes, "
                    + "payments (with how each was divided over costs, interest, principal and credit), refunds, offsets and "
                    + "write-offs, each with the running balance the customer owes (negative: in credit); and what is open "
                    + "now. Optional from and to (ISO dates, inclusive) limit the entries; earlier ones become one opening "
                    + "balance. 404 for an unknown customer, 400 naming from or to.")
    CustomerLedger.Ledger ledger(@PathVariable String customerNumber, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to) {
        return ledger.of(customerNumber, from, to);
    }
}
