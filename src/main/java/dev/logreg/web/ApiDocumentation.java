package dev.logreg.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's title, version, description and licence (Swagger UI's heading). The version,
 * description and licence come from the build ({@code META-INF/build-info.properties}, written by
 * spring-boot-maven-plugin from the pom); run without it, the version is {@code unknown} and the licence
 * is left out.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String TITLE = "Logistic regression service";

    @Bean
    OpenAPI logregOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        Info info = new Info().title(TITLE).version(value(properties, "version", "unknown"));
        info.description(value(
                properties,
                "description",
                "Binary logistic regression over HTTP: train models, read their statistics, predict."));
        String licence = value(properties, "license.name", null);
        if (licence != null) {
            info.license(new License().name(licence).url(value(properties, "license.url", null)));
        }
        return new OpenAPI().info(info);
    }

    private static String value(BuildProperties properties, String key, String fallback) {
        String value = properties == null ? null : properties.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
