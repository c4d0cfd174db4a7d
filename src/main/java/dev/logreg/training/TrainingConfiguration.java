package dev.logreg.training;

import dev.logreg.web.LogregProperties;
import java.time.Clock;
import java.util.concurrent.ForkJoinPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared pieces trainings run on. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    /** The workers that add up row sums; the common pool has only cores - 1 threads. */
    @Bean(destroyMethod = "shutdown")
    ForkJoinPool fitPool(LogregProperties properties) {
        return new ForkJoinPool(properties.effectiveFitParallelism());
    }

    /** At most logreg.training.max-concurrent trainings at once, with a short queue. */
    @Bean
    TrainingGate trainingGate(LogregProperties properties) {
        LogregProperties.Training training = properties.training();
        return new TrainingGate(training.effectiveMaxConcurrent(), training.queueLength(), training.queueWait());
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
