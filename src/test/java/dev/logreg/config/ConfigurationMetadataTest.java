package dev.logreg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration processor's {@code META-INF/spring-configuration-metadata.json} lists every
 * {@code logreg.*} setting of {@link LogregProperties} with its type, its description (the record's
 * {@code @param} text, plain) and its {@code @DefaultValue}, so an IDE completes and explains them.
 */
class ConfigurationMetadataTest {

    /** Each setting's name and its {@code @DefaultValue} values (null without one), found by reflection. */
    private static void settings(Class<?> type, String prefix, Map<String, String[]> into) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Parameter[] parameters;
        try {
            parameters = type.getDeclaredConstructor(types).getParameters();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < components.length; i++) {
            String name = prefix + "." + kebab(components[i].getName());
            DefaultValue defaultValue = parameters[i].getAnnotation(DefaultValue.class);
            if (components[i].getType().getEnclosingClass() == LogregProperties.class) {
                settings(components[i].getType(), name, into);
            } else {
                into.put(name, defaultValue == null ? null : defaultValue.value());
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in =
                LogregProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("spring-configuration-metadata.json on the class path")
                    .isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    @Test
    void everySettingIsListedWithItsDescriptionAndDefault() throws IOException {
        Map<String, String[]> settings = new TreeMap<>();
        settings(LogregProperties.class, "logreg", settings);
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        for (JsonNode property : metadata().get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("logreg.")) {
                listed.put(name, property);
            }
        }

        assertThat(settings).containsKeys("logreg.max-request-size", "logreg.store.max-bytes", "logreg.spark.remote");
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(settings.keySet());
        settings.forEach((name, defaults) -> {
            JsonNode property = listed.get(name);
            assertThat(property.path("description").asString())
                    .as(name + " description")
                    .isNotBlank()
                    .doesNotContain("{@");
            assertThat(property.path("sourceType").asString()).startsWith(LogregProperties.class.getName());
            if (defaults == null) {
                assertThat(property.has("defaultValue"))
                        .as(name + " has no default")
                        .isFalse();
            } else if (defaults.length == 0) {
                // The processor writes an empty @DefaultValue({}) list as the text "[]".
                JsonNode empty = property.get("defaultValue");
                assertThat(empty.isArray() ? empty.isEmpty() : "[]".equals(empty.asString()))
                        .as(name + " defaults to an empty list")
                        .isTrue();
            } else {
                assertThat(property.get("defaultValue").asString())
                        .as(name + " default")
                        .isEqualTo(defaults[0]);
            }
        });
    }

    @Test
    void theGroupsAreTheNestedRecords() throws IOException {
        List<String> groups = metadata()
                .get("groups")
                .valueStream()
                .map(group -> group.get("name").asString())
                .filter(name -> name.startsWith("logreg"))
                .toList();

        assertThat(groups)
                .containsExactlyInAnyOrderElementsOf(Set.of(
                        "logreg",
                        "logreg.names",
                        "logreg.training",
                        "logreg.store",
                        "logreg.security",
                        "logreg.spark"));
    }
}
