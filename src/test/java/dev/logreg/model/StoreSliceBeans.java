package dev.logreg.model;

import dev.logreg.config.LogregProperties;
import dev.logreg.metrics.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a controller slice that reads models needs besides its controller: the real in-memory
 * store ({@link TestModels#inMemoryStore}), the service's properties and its metrics.
 */
@TestConfiguration
@EnableConfigurationProperties(LogregProperties.class)
@Import(ServiceMetrics.class)
public class StoreSliceBeans {

    @Bean
    ModelStore modelStore() {
        return TestModels.inMemoryStore();
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
