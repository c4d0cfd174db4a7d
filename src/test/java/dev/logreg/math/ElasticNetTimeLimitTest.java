package dev.logreg.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The training time limit inside the path: it ends at the last lambda finished, said so. */
class ElasticNetTimeLimitTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(1);

    @Test
    void anElapsedLimitEndsThePathAfterItsFirstLambda() throws IOException {
        ElasticNetReferenceCases.Case birthwt = ElasticNetReferenceCases.all().get(0);
        CrossValidationOptions folds = new CrossValidationOptions(5, null, 1L, CrossValidationMeasure.DEVIANCE, false);
        ElasticNetFit fit = ElasticNet.train(birthwt.dataset(), birthwt.options(), folds, POOL, Duration.ZERO);
        ElasticNetPath full = ElasticNet.fit(birthwt.dataset(), birthwt.options());

        assertTrue(fit.timedOut());
        assertFalse(fit.path().converged());
        assertEquals(1, fit.path().size());
        assertArrayEquals(full.coefficients()[0], fit.path().coefficients()[0]);
        assertNull(fit.crossValidation());
        assertTrue(fit.warnings().stream()
                .anyMatch(w ->
                        w.code().equals(FitWarning.NOT_CONVERGED) && w.message().contains("time limit")));
    }

    @Test
    void aGenerousLimitChangesNothing() throws IOException {
        ElasticNetReferenceCases.Case birthwt = ElasticNetReferenceCases.all().get(0);
        ElasticNetFit fit = ElasticNet.train(birthwt.dataset(), birthwt.options(), null, POOL, Duration.ofHours(1));
        ElasticNetPath full = ElasticNet.fit(birthwt.dataset(), birthwt.options());

        assertFalse(fit.timedOut());
        assertTrue(fit.path().converged());
        assertArrayEquals(full.lambdas(), fit.path().lambdas());
        assertArrayEquals(full.coefficients()[full.size() - 1], fit.path().coefficients()[full.size() - 1]);
    }
}
