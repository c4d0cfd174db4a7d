package dev.logreg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor jar the service uploads to Spark holds whole packages: a class of it that needs a
 * class of the service outside it would fail on the executors with {@code NoClassDefFoundError},
 * and only on the code path that loads it. This reads the jar's class files (every class,
 * field, method signature and call they name) and finds none.
 */
class ExecutorJarTest {

    @Test
    void noClassInTheExecutorJarNeedsAClassOfTheServiceOutsideIt(@TempDir Path directory) throws IOException {
        JavaClasses classes = executorJarClasses(directory);
        Set<String> inJar = classes.stream().map(JavaClass::getName).collect(Collectors.toSet());

        assertThat(inJar)
                .contains(
                        "dev.logreg.spark.executor.PartitionSums",
                        "dev.logreg.spark.executor.PartitionTotals",
                        "dev.logreg.math.kernel.RowBlockSums",
                        "dev.logreg.math.kernel.ScoreSums",
                        "dev.logreg.math.kernel.RocBlock",
                        "dev.logreg.math.kernel.VectorGramKernel");
        assertThat(outsideReferences(classes, inJar))
                .as("classes of the service the executor jar's classes need but it does not hold")
                .isEmpty();
    }

    /** Each {@code origin -> target} where the target is a {@code dev.logreg} class not in {@code inJar}. */
    static Set<String> outsideReferences(JavaClasses classes, Set<String> inJar) {
        Set<String> outside = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String target =
                        dependency.getTargetClass().getBaseComponentType().getName();
                if (target.startsWith("dev.logreg.") && !inJar.contains(target)) {
                    outside.add(javaClass.getName() + " -> " + target + ": " + dependency.getDescription());
                }
            }
        }
        return outside;
    }

    private static JavaClasses executorJarClasses(Path directory) throws IOException {
        Path jar = directory.resolve("executor.jar");
        try (InputStream bytes = ClusterSession.class.getResourceAsStream(ClusterSession.EXECUTOR_JAR_RESOURCE)) {
            assertThat(bytes).as("the executor jar (built in process-classes)").isNotNull();
            Files.copy(bytes, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return new ClassFileImporter().importJar(file);
        }
    }
}
