package dev.logreg.model;

import dev.logreg.web.LogregProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link ModelStore}, with the capacity {@code logreg.store.*} sets. */
@Configuration(proxyBeanMethods = false)
class ModelStoreConfiguration {

    @Bean
    ModelStore modelStore(LogregProperties properties) {
        LogregProperties.Store store = properties.store();
        return new InMemoryModelStore(store.maxModels(), store.maxBytes().toBytes());
    }
}
