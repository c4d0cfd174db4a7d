package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With a database ({@code spring.datasource.url}, the one the model store uses), training jobs
 * are kept there too ({@link DatabaseJobs}); Flyway has created their table before the
 * {@link JdbcClient} is handed out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.datasource.url")
class JobDatabaseConfiguration {

    /** Its ticker stops with the context ({@code close()} is inferred). */
    @Bean
    DatabaseJobs databaseJobs(JdbcClient jdbc, Clock clock, LogregProperties properties) {
        return new DatabaseJobs(jdbc, clock, properties.spark().maxJobs());
    }
}
