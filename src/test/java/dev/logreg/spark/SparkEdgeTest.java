package dev.logreg.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Spark stays behind this package: the rest of the service sees its plain types only. */
@AnalyzeClasses(packages = "dev.logreg", importOptions = ImportOption.DoNotIncludeTests.class)
class SparkEdgeTest {

    @ArchTest
    static final ArchRule sparkOnlyInsideTheSparkPackage = noClasses()
            .that()
            .resideOutsideOfPackage("dev.logreg.spark..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.spark..", "org.sparkproject..", "scala..")
            .because("Spark, its shaded gRPC and Scala are dev.logreg.spark's business (issue 17)");
}
