package io.overdue.engine;

import io.overdue.engine.ProcessMigrations.MigrationNotPossibleException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Managers move running cases to the latest version of their process after deploying a change. */
@RestController
@Tag(name = "Administration", description = "Managers and admins only")
class ProcessMigrationController {

    static final URI MIGRATION_NOT_POSSIBLE = URI.create("urn:overdue:problem:migration-not-possible");

    private final ProcessMigrations migrations;

    ProcessMigrationController(ProcessMigrations migrations) {
        this.migrations = migrations;
    }

    @PostMapping("/api/admin/process-migrations")
    @Operation(summary = "Migrate running cases to the latest version of their process",
            description = "For every older version with running cases (or only fromVersion): maps the activities with "
                    + "equal ids and checks that every activity a case waits in is mapped. Any fault refuses the whole "
                    + "request (409, nothing migrated). Otherwise the cases move: at once, or as a batch of jobs (shown "
                    + "in Cockpit's batch view) for a version with more cases than overdue.process-migration.batch-threshold. "
                    + "dryRun checks and counts without changing anything. Managers and camunda-admin only.")
    @ApiResponse(responseCode = "200", description = "Migrated, started as a batch, or (dryRun) possible; counts per version")
    @ApiResponse(responseCode = "409", description = "Some running cases cannot move; the faults by version, activity and instruction")
    ProcessMigrations.Result migrate(@RequestBody(required = false) ProcessMigrations.Request request) {
        return migrations.migrate(request == null ? new ProcessMigrations.Request(null, null, false, null) : request);
    }

    @ExceptionHandler(MigrationNotPossibleException.class)
    ProblemDetail notPossible(MigrationNotPossibleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(MIGRATION_NOT_POSSIBLE);
        problem.setTitle("Running cases cannot be migrated");
        problem.setProperty("versions", e.faults());
        return problem;
    }
}
