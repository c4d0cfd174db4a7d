package dev.logreg.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Cross-validation against {@code cv.glmnet(foldid = )} at {@code thresh = 1e-20}: cvm and cvsd to
 * 1e-6 relative and the same lambda.min and lambda.1se, for every measure in the fixtures.
 */
class ElasticNetCrossValidationTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    static List<Arguments> cases() throws IOException {
        List<Arguments> arguments = new ArrayList<>();
        for (ElasticNetReferenceCases.Case reference : ElasticNetReferenceCases.all()) {
            JsonNode cv = reference.expected().get("crossValidation");
            if (cv == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> measure : cv.get("measures").properties()) {
                arguments.add(Arguments.of(reference, measure.getKey()));
            }
        }
        return arguments;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void equalsCvGlmnet(ElasticNetReferenceCases.Case reference, String measureName) {
        JsonNode cv = reference.expected().get("crossValidation");
        int[] foldIds = Arrays.stream(ElasticNetReferenceCases.doubles(cv.get("foldIds")))
                .mapToInt(id -> (int) id)
                .toArray();
        ElasticNetPath path = ElasticNet.fit(reference.dataset(), reference.options());
        CrossValidationMeasure measure =
                CrossValidationMeasure.byName(measureName).orElseThrow();
        CrossValidation result =
                ElasticNetCrossValidation.run(reference.dataset(), reference.options(), path, foldIds, measure, POOL);
        JsonNode expected = cv.get("measures").get(measureName);
        double[] cvm = ElasticNetReferenceCases.doubles(expected.get("cvm"));
        double[] cvsd = ElasticNetReferenceCases.doubles(expected.get("cvsd"));
        assertEquals(cvm.length, result.cvm().length);
        for (int l = 0; l < cvm.length; l++) {
            ElasticNetReferenceTest.assertRelative(cvm[l], result.cvm()[l], "cvm at lambda " + l);
            ElasticNetReferenceTest.assertRelative(cvsd[l], result.cvsd()[l], "cvsd at lambda " + l);
        }
        double lambdaMin = expected.get("lambdaMin").asDouble();
        double lambda1se = expected.get("lambda1se").asDouble();
        assertEquals(lambdaMin, result.lambdaMin(), 1e-10 * lambdaMin, "lambda.min");
        assertEquals(lambda1se, result.lambda1se(), 1e-10 * lambda1se, "lambda.1se");
    }

    @Test
    void randomFoldsAreBalancedAndFollowTheSeed() {
        int[] folds = ElasticNetCrossValidation.randomFolds(103, 10, 7);
        int[] sizes = new int[10];
        for (int id : folds) {
            sizes[id - 1]++;
        }
        for (int size : sizes) {
            assertEquals(103 / 10, size, 1);
        }
        assertArrayEquals(folds, ElasticNetCrossValidation.randomFolds(103, 10, 7));
        assertNotEquals(Arrays.toString(folds), Arrays.toString(ElasticNetCrossValidation.randomFolds(103, 10, 8)));
    }

    @Test
    void weightedAucCountsTiesHalf() {
        // Positives at 0.2 (weight 1) and 0.5 (weight 2), negatives at 0.5 (weight 1) and 0.1 (weight 3).
        double[] scores = {0.2, 0.5, 0.5, 0.1};
        double[] labels = {1, 1, 0, 0};
        double[] weights = {1, 2, 1, 3};
        double concordant = 1 * 3 + 2 * (3 + 0.5 * 1);
        assertEquals(
                concordant / (3.0 * 4.0), ElasticNetCrossValidation.weightedAuc(scores, labels, weights, 1), 1e-15);
    }

    @Test
    void rejectsFoldsThatCannotValidate() throws IOException {
        ElasticNetReferenceCases.Case reference = ElasticNetReferenceCases.all().get(0);
        Dataset data = reference.dataset();
        ElasticNetPath path = ElasticNet.fit(data, reference.options());
        int n = data.numSamples();
        int[] oneFold = new int[n];
        Arrays.fill(oneFold, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> ElasticNetCrossValidation.run(
                        data, reference.options(), path, oneFold, CrossValidationMeasure.DEVIANCE, POOL));
        assertThrows(
                IllegalArgumentException.class,
                () -> ElasticNetCrossValidation.run(
                        data, reference.options(), path, new int[n - 1], CrossValidationMeasure.DEVIANCE, POOL));
        int[] tooManyForAuc = ElasticNetCrossValidation.randomFolds(n, n / 5, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> ElasticNetCrossValidation.run(
                        data, reference.options(), path, tooManyForAuc, CrossValidationMeasure.AUC, POOL));
    }
}
