package dev.logreg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** Binding and validation of {@code logreg.*}, including the environment-variable names docs/configuration.md lists. */
class LogregPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LogregProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void theDefaults() {
        runner.run(context -> {
            LogregProperties properties = context.getBean(LogregProperties.class);
            assertThat(properties.maxBatchRequestSize()).isEqualTo(DataSize.ofMegabytes(16));
            assertThat(properties.maxRows()).isEqualTo(2_000_000);
            assertThat(properties.maxFeatures()).isEqualTo(1000);
            assertThat(properties.maxCells()).isEqualTo(10_000_000L);
            assertThat(properties.names().maxLength()).isEqualTo(200);
            assertThat(properties.names().maxTotalSize()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(properties.trainingBytesBound()).isEqualTo(320_000_000L);
            assertThat(properties.training().effectiveMaxConcurrent())
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(properties.training().queueLength()).isEqualTo(4);
            assertThat(properties.training().queueWait()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.training().timeLimit()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.store().directory()).isNull();
            assertThat(properties.store().maxModels()).isEqualTo(10_000);
            assertThat(properties.store().maxBytes()).isEqualTo(DataSize.ofMegabytes(256));
            assertThat(properties.store().cacheLifetime()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.security().enabled()).isFalse();
            assertThat(properties.security().adminKeys()).isEmpty();
            assertThat(properties.spark().timeLimit()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.spark().gracePeriod()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.spark().retryTime()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.spark().localFitMaxBytes()).isEqualTo(DataSize.ofMegabytes(64));
        });
    }

    @Test
    void theEnvironmentVariablesOfTheReadme() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "systemEnvironment",
                                Map.of(
                                        "LOGREG_MAXROWS",
                                        "500",
                                        "LOGREG_TRAINING_MAXCONCURRENT",
                                        "3",
                                        "LOGREG_TRAINING_TIMELIMIT",
                                        "30s",
                                        "LOGREG_STORE_DIRECTORY",
                                        "/var/lib/logreg",
                                        "LOGREG_STORE_MAXBYTES",
                                        "1GB",
                                        "LOGREG_STORE_CACHELIFETIME",
                                        "2s",
                                        "LOGREG_SECURITY_ENABLED",
                                        "true",
                                        "LOGREG_SECURITY_ADMINKEYS",
                                        "admin-key-0123456789,admin-key-9876543210",
                                        "LOGREG_SECURITY_READKEYS",
                                        "read-key-0123456789ab"))))
                .run(context -> {
                    LogregProperties properties = context.getBean(LogregProperties.class);
                    assertThat(properties.maxRows()).isEqualTo(500);
                    assertThat(properties.training().effectiveMaxConcurrent()).isEqualTo(3);
                    assertThat(properties.training().timeLimit()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.store().directory()).hasToString("/var/lib/logreg");
                    assertThat(properties.store().maxBytes()).isEqualTo(DataSize.ofGigabytes(1));
                    assertThat(properties.store().cacheLifetime()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.security().adminKeys())
                            .isEqualTo(List.of("admin-key-0123456789", "admin-key-9876543210"));
                    assertThat(properties.security().readKeys()).isEqualTo(List.of("read-key-0123456789ab"));
                    assertThat(properties.security().toString()).doesNotContain("admin-key");
                });
    }

    @Test
    void theSparkBoundsFromTheEnvironmentVariablesOfTheReadme() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "systemEnvironment",
                                Map.of(
                                        "LOGREG_SPARK_TIMELIMIT",
                                        "10m",
                                        "LOGREG_SPARK_GRACEPERIOD",
                                        "2m",
                                        "LOGREG_SPARK_RETRYTIME",
                                        "10s"))))
                .run(context -> {
                    LogregProperties.Spark spark =
                            context.getBean(LogregProperties.class).spark();
                    assertThat(spark.timeLimit()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(spark.gracePeriod()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(spark.retryTime()).isEqualTo(Duration.ofSeconds(10));
                });
    }

    @Test
    void theNameBoundsFromTheirEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "systemEnvironment",
                                Map.of("LOGREG_NAMES_MAXLENGTH", "80", "LOGREG_NAMES_MAXTOTALSIZE", "1MB"))))
                .run(context -> {
                    LogregProperties.Names names =
                            context.getBean(LogregProperties.class).names();
                    assertThat(names.maxLength()).isEqualTo(80);
                    assertThat(names.maxTotalSize()).isEqualTo(DataSize.ofMegabytes(1));
                });
    }

    @Test
    void invalidSettingsStopTheStart() {
        for (String[] invalid : List.of(
                new String[] {"logreg.security.enabled=true"},
                new String[] {"logreg.security.enabled=true", "logreg.security.admin-keys=short"},
                new String[] {
                    "logreg.security.admin-keys=admin-key-0123456789", "logreg.security.read-keys=admin-key-0123456789"
                },
                new String[] {"logreg.security.admin-keys=admin key with spaces"},
                new String[] {"logreg.training.time-limit=0s"},
                new String[] {"logreg.training.queue-wait=-1s"},
                new String[] {"logreg.training.queue-length=-1"},
                new String[] {"logreg.max-rows=0"},
                new String[] {"logreg.names.max-length=0"},
                new String[] {"logreg.names.max-total-size=0B"},
                new String[] {"logreg.store.max-models=0"},
                new String[] {"logreg.store.cache-lifetime=0s"},
                new String[] {"logreg.spark.grace-period=0s"},
                new String[] {"logreg.spark.retry-time=-1s"},
                new String[] {"logreg.spark.local-fit-max-bytes=-1B"},
                new String[] {"logreg.spark.local-fit-max-bytes=2GB"})) {
            runner.withPropertyValues(invalid)
                    .run(context ->
                            assertThat(context).as(String.join(", ", invalid)).hasFailed());
        }
    }
}
