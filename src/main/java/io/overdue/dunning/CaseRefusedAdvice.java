package io.overdue.dunning;

import io.overdue.shared.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** A request the case cannot take now, from any of the controllers that hand requests to it: 409 with the reason. */
@RestControllerAdvice
class CaseRefusedAdvice {

    static final URI CASE_REFUSED = URI.create("urn:overdue:problem:case-refused");

    @ExceptionHandler(CaseRefusedException.class)
    ProblemDetail refused(CaseRefusedException e) {
        return ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, CASE_REFUSED, "The case cannot take this now", e.getMessage());
    }
}
