package dev.logreg.model;

import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.ModelNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading and deleting stored models. */
@RestController
@Tag(name = "models", description = "Train, list, read and delete models")
class ModelController {

    private final ModelStore store;

    ModelController(ModelStore store) {
        this.store = store;
    }

    @GetMapping(path = "/models", produces = "application/json")
    @Operation(summary = "List models, newest first")
    @ApiResponse(responseCode = "200", description = "One page of models")
    @ApiProblems.BadRequest
    @ApiProblems.DatabaseUnavailable
    ModelPage list(
            @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1 to 1000") @RequestParam(defaultValue = "20") @Min(1) @Max(1000)
                    int size) {
        return store.list(page, size);
    }

    @GetMapping(path = "/models/{id}", produces = "application/json")
    @Operation(summary = "One model: coefficients, training report, statistics and metrics")
    @ApiResponse(responseCode = "200", description = "The model")
    @ApiProblems.NotFound
    @ApiProblems.DatabaseUnavailable
    Model get(@PathVariable String id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    @DeleteMapping("/models/{id}")
    @Operation(summary = "Forget a model")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiProblems.NotFound
    @ApiProblems.DatabaseUnavailable
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!store.delete(id)) {
            throw new ModelNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }
}
