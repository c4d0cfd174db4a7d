package dev.logreg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph of the service's classes: each top-level package under {@code dev.logreg} is a
 * slice, and no two slices depend on each other in a cycle (configuration and problem types sit at
 * the bottom, the features above them); the maths imports no framework, so it can be read, tested
 * and shipped to Spark executors on its own; Spark is seen from {@code dev.logreg.spark} only.
 */
@AnalyzeClasses(packages = "dev.logreg", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFreeOfCycles =
            slices().matching("dev.logreg.(*)..").namingSlices("$1").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule mathFreeOfFrameworks = noClasses()
            .that()
            .resideInAPackage("dev.logreg.math..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "org.apache.spark..",
                    "org.sparkproject..",
                    "jakarta.servlet..",
                    "javax.servlet..",
                    "tools.jackson..",
                    "com.fasterxml..")
            .because("dev.logreg.math is plain Java and EJML: no Spring, Spark, servlet or Jackson");

    @ArchTest
    static final ArchRule sparkOnlyInsideTheSparkPackage = noClasses()
            .that()
            .resideOutsideOfPackage("dev.logreg.spark..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.spark..", "org.sparkproject..", "scala..")
            .because("Spark, its shaded gRPC and Scala are dev.logreg.spark's business: the rest of the"
                    + " service sees its plain types (SparkCluster, ClusterSession, SparkRows)");
}
