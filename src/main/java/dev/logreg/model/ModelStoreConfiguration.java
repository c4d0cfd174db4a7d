package dev.logreg.model;

import dev.logreg.config.LogregProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ModelStore}, with the capacity {@code logreg.store.*} sets: in PostgreSQL when
 * {@code spring.datasource.url} is set ({@link DatabaseConfiguration}), else in memory, or on disk
 * as well when {@code logreg.store.directory} is set.
 */
@Configuration(proxyBeanMethods = false)
class ModelStoreConfiguration {

    /** The database store's listener thread stops with the context ({@code close()} is inferred). */
    @Bean
    ModelStore modelStore(LogregProperties properties, ObjectProvider<DatabaseConfiguration.ModelDatabase> databases) {
        LogregProperties.Store store = properties.store();
        DatabaseConfiguration.ModelDatabase database = databases.getIfAvailable();
        if (database != null) {
            if (store.directory() != null) {
                throw new IllegalStateException("Both logreg.store.directory and spring.datasource.url are set:"
                        + " models are kept in one place, set only one of them.");
            }
            return DatabaseModelStore.open(
                    database.dataSource(),
                    database.jdbc(),
                    database.transactions(),
                    new ModelCache(store.maxBytes().toBytes()),
                    store.maxModels(),
                    store.cacheLifetime());
        }
        InMemoryModelStore memory =
                new InMemoryModelStore(store.maxModels(), store.maxBytes().toBytes());
        return store.directory() == null ? memory : FileModelStore.open(store.directory(), memory);
    }
}
