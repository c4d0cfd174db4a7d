package dev.logreg.security;

import dev.logreg.config.LogregProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.thymeleaf.ITemplateEngine;

/**
 * API keys ({@code logreg.security.enabled=true}). Open to all: {@code /actuator/health} and the
 * Open Inference Protocol's health ({@code /v2/health/live}, {@code /v2/health/ready}: probes carry
 * no keys), the OpenAPI document, Swagger UI and the pages' static files. Read keys: {@code GET}
 * (and {@code HEAD}) of models, predictions (GET and POST), the index and report pages, the other
 * actuator endpoints, and the protocol's metadata, readiness and infer. A browser that navigates to
 * a page without a key gets the key-needed page ({@link KeyNeededPage}). Admin
 * keys: all of that and everything else (training, deleting, {@code /objective}). Sessions,
 * cookies, CSRF tokens, login forms and basic authentication play no part: each request carries
 * its key. 401 and 403 are problem documents written by the application's exception handler.
 *
 * <p>When security is off (the default) none of this exists: Spring Boot's own web security is
 * excluded in {@code application.properties}, so no security filter runs and no password is
 * generated.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnBooleanProperty("logreg.security.enabled")
class ApiKeySecurityConfiguration {

    /** Open to all, keys or not. */
    private static final String[] OPEN = {
        "/actuator/health",
        "/actuator/health/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/logreg.css",
        "/upload.js",
        "/keys.js",
        "/favicon.ico",
        "/v2/health/live",
        "/v2/health/ready"
    };

    /** What a read key may GET (and HEAD). */
    private static final String[] READ = {
        "/", "/models", "/models/**", "/jobs/**", "/actuator/**", "/v2", "/v2/models/**"
    };

    @Bean
    SecurityFilterChain apiKeyFilterChain(
            HttpSecurity http,
            LogregProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandler,
            ITemplateEngine templates)
            throws Exception {
        ApiKeys keys = new ApiKeys(
                properties.security().adminKeys(), properties.security().readKeys());
        AuthenticationEntryPoint unauthorized = (request, response, failure) ->
                handle(exceptionHandler, request, response, failure, HttpServletResponse.SC_UNAUTHORIZED);
        AccessDeniedHandler forbidden = (request, response, denied) ->
                handle(exceptionHandler, request, response, denied, HttpServletResponse.SC_FORBIDDEN);
        return http
                // Keys travel in headers, never in cookies: a forged cross-site request carries none.
                .csrf(csrf -> csrf.disable())
                .formLogin(login -> login.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(new KeyNeededPage(templates, unauthorized))
                                .accessDeniedHandler(forbidden))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(keys, unauthorized), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        // HEAD is GET without the body: it needs what GET needs (a read key's HEAD /models is 200).
                        .requestMatchers(HttpMethod.GET, OPEN)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, OPEN)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, READ)
                        .hasRole("READ")
                        .requestMatchers(HttpMethod.HEAD, READ)
                        .hasRole("READ")
                        .requestMatchers(HttpMethod.POST, "/models/*/predict", "/v2/models/*/infer")
                        .hasRole("READ")
                        .anyRequest()
                        .hasRole("ADMIN"))
                .build();
    }

    /** Writes the problem document through the application's exception handler. */
    private static void handle(
            HandlerExceptionResolver exceptionHandler,
            HttpServletRequest request,
            HttpServletResponse response,
            Exception failure,
            int status)
            throws java.io.IOException {
        if (exceptionHandler.resolveException(request, response, null, failure) == null) {
            response.sendError(status);
        }
    }

    /** The keys in the OpenAPI document, so that Swagger UI's Authorize button can send them. */
    @Bean
    OpenApiCustomizer apiKeySecuritySchemes() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            "apiKey",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.APIKEY)
                                    .in(SecurityScheme.In.HEADER)
                                    .name(ApiKeyAuthenticationFilter.API_KEY_HEADER)
                                    .description("An admin key (train, delete, everything)"
                                            + " or a read key (read and predict)"))
                    .addSecuritySchemes(
                            "bearer",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description("The same key as Authorization: Bearer <key>"));
            openApi.addSecurityItem(new SecurityRequirement().addList("apiKey"))
                    .addSecurityItem(new SecurityRequirement().addList("bearer"));
            Content problem = new Content()
                    .addMediaType(
                            "application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
            if (openApi.getPaths() != null) {
                openApi.getPaths()
                        .values()
                        .forEach(path -> path.readOperations()
                                .forEach(operation -> operation
                                        .getResponses()
                                        .addApiResponse(
                                                "401",
                                                new ApiResponse()
                                                        .description("No API key, or not a valid one")
                                                        .content(problem))
                                        .addApiResponse(
                                                "403",
                                                new ApiResponse()
                                                        .description("A read key where an admin key is needed")
                                                        .content(problem))));
            }
        };
    }
}
