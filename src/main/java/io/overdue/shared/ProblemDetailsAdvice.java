package io.overdue.shared;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every refusal of our API into RFC 7807 problem details. Bad input always names each field at
 * fault (and the CSV row), so an ERP integrator can fix a whole file in one go.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI INVALID_INPUT = URI.create("urn:overdue:problem:invalid-input");
    public static final URI NOT_FOUND = URI.create("urn:overdue:problem:not-found");
    public static final URI TOO_LARGE = URI.create("urn:overdue:problem:too-large");
    public static final URI CONFLICT = URI.create("urn:overdue:problem:conflict");

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", e.getMessage());
    }

    /** A refusal of our own kind: its status, type, title and what happened in words. */
    public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Violation violation = ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? Violation.of(path(mapping), unreadableValue(mapping))
                : Violation.of("", "request body is not valid JSON: " + firstLine(ex.getMostSpecificCause().getMessage()));
        return ResponseEntity.badRequest().body(invalid(List.of(violation)));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The uploaded file is larger than the " + (ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() + " bytes " : "")
                        + "allowed; split it into smaller files. Nothing was written.");
        problem.setType(TOO_LARGE);
        problem.setTitle("File too large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    public static ProblemDetail invalid(List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                violations.size() + (violations.size() == 1 ? " value is" : " values are")
                        + " invalid; nothing from this request was written. " + summary(violations));
        problem.setType(INVALID_INPUT);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", violations);
        return problem;
    }

    private static String summary(List<Violation> violations) {
        return violations.stream().limit(10)
                .map(v -> (v.row() != null ? "row " + v.row() + " " : "") + v.field() + ": " + v.message())
                .collect(Collectors.joining("; ")) + (violations.size() > 10 ? "; …" : "");
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String unreadableValue(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not a valid " + simpleType(format.getTargetType());
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected a " + simpleType(mismatch.getTargetType());
        }
        return firstLine(mapping.getOriginalMessage());
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type.isEnum()) {
            return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        return type.getSimpleName().toLowerCase();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
