package dev.logreg.model;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database behind the shared model store, only when {@code spring.datasource.url} is set.
 * Boot's {@link DataSourceAutoConfiguration} is excluded in {@code application.properties} (it
 * would fail a start without a URL) and imported here instead; with the data source, Boot's own
 * auto-configuration adds Flyway (which migrates before the store is created, as the
 * {@link JdbcClient} depends on it), the transaction manager, {@code JdbcClient} and the
 * {@code db} health indicator. Without a URL none of them exists and nothing needs a database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.datasource.url")
@Import(DataSourceAutoConfiguration.class)
class DatabaseConfiguration {

    /** What {@link DatabaseModelStore} needs of the database. */
    record ModelDatabase(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {}

    @Bean
    ModelDatabase modelDatabase(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        return new ModelDatabase(dataSource, jdbc, new TransactionTemplate(transactionManager));
    }
}
