package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.math.FitKernel;
import dev.logreg.math.kernel.RowBlockSums;
import java.time.Clock;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared pieces trainings run on. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrainingConfiguration.class);

    /**
     * The workers that add up row sums; the common pool has only cores - 1 threads. Logs which
     * X^T W X kernel fits use: without {@code --add-modules jdk.incubator.vector} on the java
     * command line it is the plain Java one, several times slower.
     */
    @Bean(destroyMethod = "shutdown")
    ForkJoinPool fitPool(LogregProperties properties) {
        log.info(
                "Fits use {} threads; X^T W X kernel: {}",
                properties.effectiveFitParallelism(),
                FitKernel.description());
        if (!RowBlockSums.usesVectorApi()) {
            log.warn("Fits use the scalar X^T W X kernel, several times slower than the Vector API one, and"
                    + " models record it in provenance.gramKernel: start java with --add-modules"
                    + " jdk.incubator.vector (a jar's manifest cannot add a module)");
        }
        return new ForkJoinPool(properties.effectiveFitParallelism());
    }

    /**
     * At most logreg.training.max-concurrent trainings at once, with a short queue. Warns when
     * that many trainings at the dataset limits, beside a full store, may not fit in the heap.
     */
    @Bean
    TrainingGate trainingGate(LogregProperties properties) {
        LogregProperties.Training training = properties.training();
        long needed = training.effectiveMaxConcurrent() * properties.trainingBytesBound()
                + properties.store().maxBytes().toBytes();
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            log.warn(
                    "{} trainings at once at the dataset limits (up to {} MB each) and a full store ({} MB) may"
                            + " need more than the heap of {} MB: raise -Xmx, or lower logreg.training.max-concurrent,"
                            + " logreg.max-cells, logreg.max-rows or logreg.store.max-bytes",
                    training.effectiveMaxConcurrent(),
                    properties.trainingBytesBound() >> 20,
                    properties.store().maxBytes().toMegabytes(),
                    heap >> 20);
        }
        return new TrainingGate(training.effectiveMaxConcurrent(), training.queueLength(), training.queueWait());
    }

    /** The deadline of a body read within a training's turn: a stalled client gives its turn back. */
    @Bean(destroyMethod = "close")
    BodyDeadline bodyDeadline(LogregProperties properties) {
        LogregProperties.Training training = properties.training();
        return new BodyDeadline(training.bodyTimeout(), training.bodyMinRate().toBytes());
    }

    @Bean
    DatasetLimits datasetLimits(LogregProperties properties) {
        return DatasetLimits.of(properties);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
