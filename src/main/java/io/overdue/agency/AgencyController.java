package io.overdue.agency;

import io.overdue.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;

@RestController
@RequestMapping("/api/invoices/{invoiceNumber}")
@Tag(name = "Collection agency", description = "Hand-over status from the agency, and write-offs")
class AgencyController {

    static final URI REFUSED = URI.create("urn:overdue:problem:refused");

    private final AgencyHandOvers handOvers;
    private final WriteOffs writeOffs;

    AgencyController(AgencyHandOvers handOvers, WriteOffs writeOffs) {
        this.handOvers = handOvers;
        this.writeOffs = writeOffs;
    }

    @GetMapping("/agency")
    @Operation(summary = "The invoice's hand-over to a collection agency and every status update since")
    AgencyCase agency(@PathVariable String invoiceNumber) {
        return handOvers.find(invoiceNumber)
                .orElseThrow(() -> new NotFoundException("Agency case", "of invoice " + invoiceNumber));
    }

    @PostMapping("/agency-status")
    @Operation(summary = "Record a status update from the collection agency",
            description = "201 when recorded, 200 when this updateId was recorded before (nothing changes). "
                    + "409 when the updateId was used for a different update.")
    ResponseEntity<AgencyCase.StatusUpdate> status(@PathVariable String invoiceNumber,
                                                   @RequestBody StatusUpdateRequest request, Principal user) {
        AgencyHandOvers.Recorded recorded = handOvers.recordStatus(invoiceNumber, request, user.getName());
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(recorded.update());
    }

    record WriteOffRequest(String reason) {
    }

    @PostMapping("/write-off")
    @Operation(summary = "Write off the invoice's open balance (managers)",
            description = "Records who wrote it off and why, closes the invoice (status WRITTEN_OFF) and ends its "
                    + "collection case as a cancellation does: pending promises become void, open disputes are closed, "
                    + "a credit hold is released. 409 when the invoice is paid, cancelled or written off.")
    ResponseEntity<WriteOff> writeOff(@PathVariable String invoiceNumber, @RequestBody WriteOffRequest request,
                                      Principal user) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(writeOffs.writeOff(invoiceNumber, request == null ? null : request.reason(), user.getName()));
    }

    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(REFUSED);
        problem.setTitle("Refused");
        return problem;
    }
}
