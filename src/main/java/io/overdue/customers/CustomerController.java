package io.overdue.customers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers", description = "Debtors as the ERP knows them")
class CustomerController {

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    @PutMapping("/{customerNumber}")
    @Operation(summary = "Create or update a customer",
            description = "201 when created, 200 when updated or unchanged. Sending the same data again changes nothing.")
    ResponseEntity<CustomerResponse> put(@PathVariable String customerNumber, @RequestBody CustomerRequest request) {
        CustomerService.Saved saved = customers.upsert(customerNumber, request);
        return ResponseEntity.status(saved.outcome() == CustomerService.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(CustomerResponse.of(saved.customer(), saved.outcome()));
    }

    @GetMapping("/{customerNumber}")
    @Operation(summary = "Get a customer")
    CustomerResponse get(@PathVariable String customerNumber) {
        return CustomerResponse.of(customers.get(customerNumber), null);
    }
}
