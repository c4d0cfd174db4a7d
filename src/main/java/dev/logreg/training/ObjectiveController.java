package dev.logreg.training;

import dev.logreg.math.LocalRowSums;
import dev.logreg.math.LogisticLoss;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import org.ejml.data.DMatrixRMaj;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /objective}: the loss, gradient and Hessian at given coefficients, from the same
 * {@link LogisticLoss} the solvers minimise.
 */
@RestController
@Tag(name = "objective", description = "The loss the solvers minimise, its gradient and Hessian")
class ObjectiveController {

    private static final String EXAMPLE = """
            {"features": [[110, 2.62], [110, 2.875], [93, 2.32], [110, 3.215], [175, 3.44], [105, 3.46]],
             "labels": [1, 1, 1, 0, 0, 0], "coefficients": [0, 0, 0], "l2": 0}""";

    private final TrainingGate gate;
    private final BodyDeadline bodyDeadline;
    private final DatasetLimits limits;

    ObjectiveController(TrainingGate gate, BodyDeadline bodyDeadline, DatasetLimits limits) {
        this.gate = gate;
        this.bodyDeadline = bodyDeadline;
        this.limits = limits;
    }

    @PostMapping(
            path = "/objective",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Evaluate L, grad L and Hess L at given coefficients",
            description = """
                    With u_i = b_0 + x_i^T b_1..d, the weighted average cross-entropy and its derivatives: \
                    L(b) = (1/sum w) sum_i w_i (log(1 + e^{u_i}) - y_i u_i) + (l2/2) ||b_1..d||^2; \
                    grad L(b) = (1/sum w) sum_i w_i (sigma(u_i) - y_i) xhat_i + l2 [0, b_1..d]; \
                    Hess L(b) = (1/sum w) sum_i w_i sigma(u_i)(1 - sigma(u_i)) xhat_i xhat_i^T + l2 diag(0, 1, .., 1), \
                    where xhat_i = [1, x_i]. At b = 0 the loss is log 2. These are the exact quantities \
                    the solvers use; Newton's step solves Hess L step = -grad L.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = ObjectiveRequestDocument.class),
                                            examples = @ExampleObject(name = "mtcars", value = EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "L, its gradient (p values) and Hessian (p x p)")
    @ApiProblems.BadRequest
    @ApiProblems.BodyProblems
    @ApiProblems.Unavailable
    ObjectiveResult evaluate(@Parameter(hidden = true) InputStream body) {
        // A dataset in memory is a dataset in memory: this waits for a turn as trainings do.
        try (TrainingGate.Permit turn = gate.enter()) {
            ObjectiveRequestReader.ObjectiveInput input;
            try (BodyDeadline.Watch watch = bodyDeadline.watch(body, turn)) {
                input = ObjectiveRequestReader.read(watch.body(), limits);
                watch.finished();
            }
            return evaluate(input);
        }
    }

    private static ObjectiveResult evaluate(ObjectiveRequestReader.ObjectiveInput input) {
        int p = input.dataset().numColumns();
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(input.dataset()), input.l2(), true);
        double[] gradient = new double[p];
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        double value = loss.evaluate(input.coefficients(), gradient, hessian);
        if (!Double.isFinite(value) || !allFinite(gradient) || !allFinite(hessian.data)) {
            throw new InvalidRequestException(
                    "coefficients", "are so large for these features that the loss overflows");
        }
        double[][] rows = new double[p][p];
        for (int j = 0; j < p; j++) {
            System.arraycopy(hessian.data, j * p, rows[j], 0, p);
        }
        return new ObjectiveResult(value, gradient, rows);
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
