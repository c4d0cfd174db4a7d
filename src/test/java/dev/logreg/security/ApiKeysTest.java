package dev.logreg.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys =
            new ApiKeys(List.of("admin-key-0123456789", "second-admin-key-0123"), List.of("read-key-0123456789ab"));

    @Test
    void eachKeyHasItsRoleAndAnythingElseNone() {
        assertThat(keys.roleOf("admin-key-0123456789")).contains(ApiKeys.Role.ADMIN);
        assertThat(keys.roleOf("second-admin-key-0123")).contains(ApiKeys.Role.ADMIN);
        assertThat(keys.roleOf("read-key-0123456789ab")).contains(ApiKeys.Role.READ);
        assertThat(keys.roleOf("read-key-0123456789a")).isEmpty();
        assertThat(keys.roleOf("read-key-0123456789abc")).isEmpty();
        assertThat(keys.roleOf("READ-KEY-0123456789AB")).isEmpty();
        assertThat(keys.roleOf("")).isEmpty();
    }

    @Test
    void noKeysConfiguredMeansNoKeyIsKnown() {
        assertThat(new ApiKeys(List.of(), List.of()).roleOf("admin-key-0123456789"))
                .isEmpty();
    }
}
