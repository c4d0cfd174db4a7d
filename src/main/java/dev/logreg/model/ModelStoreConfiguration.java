package dev.logreg.model;

import dev.logreg.web.LogregProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ModelStore}, with the capacity {@code logreg.store.*} sets: in memory, or on disk
 * as well when {@code logreg.store.directory} is set.
 */
@Configuration(proxyBeanMethods = false)
class ModelStoreConfiguration {

    @Bean
    ModelStore modelStore(LogregProperties properties) {
        LogregProperties.Store store = properties.store();
        InMemoryModelStore memory = new InMemoryModelStore(store.maxModels(), store.maxBytes().toBytes());
        return store.directory() == null ? memory : FileModelStore.open(store.directory(), memory);
    }
}
