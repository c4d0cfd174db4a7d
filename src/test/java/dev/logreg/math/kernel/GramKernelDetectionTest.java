package dev.logreg.math.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GramKernelDetectionTest {

    @Test
    void theBuildRunsTestsWithTheVectorApiKernel() {
        assertThat(GramKernel.fastest())
                .as("Maven passes --add-modules jdk.incubator.vector to the tests (pom.xml argLine)")
                .isInstanceOf(VectorGramKernel.class);
    }
}
