package dev.logreg.training;

import dev.logreg.problem.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /jobs/{id}}: how a training on a Spark source is going, and cancelling it. */
@RestController
@Tag(name = "jobs")
class JobController {

    private final SourceTrainingService trainings;

    JobController(SourceTrainingService trainings) {
        this.trainings = trainings;
    }

    @GetMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A training job's state",
            description = "QUEUED, RUNNING (with the phase, the Newton iteration, the current loss and gradient"
                    + " norm), then SUCCEEDED with the model's id, FAILED with the problem, or CANCELLED.")
    @ApiResponse(
            responseCode = "200",
            description = "The job",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = TrainingJob.Status.class)))
    @ApiProblems.JobNotFound
    TrainingJob.Status job(
            @Parameter(description = "The job's id, from the Location of POST /models") @PathVariable String id) {
        return trainings.status(id);
    }

    @DeleteMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Cancel a training job",
            description = "A queued job is cancelled at once; a running one has its Spark jobs interrupted and"
                    + " ends CANCELLED shortly after (202), storing nothing. A finished job is left as it is (200).")
    @ApiResponse(
            responseCode = "200",
            description = "The job had already finished; nothing changed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = TrainingJob.Status.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Cancellation under way, or done for a queued job",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = TrainingJob.Status.class)))
    @ApiProblems.JobNotFound
    ResponseEntity<TrainingJob.Status> cancel(@PathVariable String id) {
        SourceTrainingService.Cancellation cancellation = trainings.cancel(id);
        return cancellation.wasFinished()
                ? ResponseEntity.ok(cancellation.status())
                : ResponseEntity.accepted().body(cancellation.status());
    }
}
