package dev.logreg.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys and what each may do. Only SHA-256 digests of the keys are kept, and a
 * presented key is compared with every configured one by {@link MessageDigest#isEqual} on the
 * digests (equal lengths, constant time), without stopping at a match: how long a check takes
 * says nothing about how much of a key was right, nor which key matched.
 */
final class ApiKeys {

    /** What a key may do; an admin key may also do everything a read key may. */
    enum Role {
        /** Train, delete, and everything else. */
        ADMIN,
        /** Read models, predict, see the pages, read the actuator. */
        READ
    }

    private record Key(byte[] digest, Role role) {}

    private final List<Key> keys = new ArrayList<>();

    ApiKeys(List<String> adminKeys, List<String> readKeys) {
        adminKeys.forEach(key -> keys.add(new Key(digest(key), Role.ADMIN)));
        readKeys.forEach(key -> keys.add(new Key(digest(key), Role.READ)));
    }

    /** The role of {@code presented}, or empty when it is no configured key. */
    Optional<Role> roleOf(String presented) {
        byte[] digest = digest(presented);
        Role role = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.digest(), digest)) {
                role = key.role();
            }
        }
        return Optional.ofNullable(role);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
