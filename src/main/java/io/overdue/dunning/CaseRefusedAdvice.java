package io.overdue.dunning;

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(CASE_REFUSED);
        problem.setTitle("The case cannot take this now");
        return problem;
    }
}
