package dev.logreg.model;

import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned JSON a stored model is kept as, by the on-disk and the database stores alike:
 * {@code {"formatVersion": 1, "model": {...}}}, the model as Jackson writes the {@link Model}
 * record, so every field the record has is stored.
 */
final class ModelJson {

    /** The format written; documents of other versions are refused when read. */
    static final int FORMAT_VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** What a stored document holds. */
    record StoredModel(int formatVersion, Model model) {}

    private ModelJson() {}

    static byte[] write(Model model) {
        return MAPPER.writeValueAsBytes(new StoredModel(FORMAT_VERSION, model));
    }

    static String writeString(Model model) {
        return MAPPER.writeValueAsString(new StoredModel(FORMAT_VERSION, model));
    }

    /**
     * The document {@code in} holds, of whatever format version it says.
     *
     * @throws JacksonException when it is not a stored model of any version
     */
    static StoredModel read(InputStream in) {
        return MAPPER.readValue(in, StoredModel.class);
    }

    /**
     * The model in {@code json}, which must be of {@link #FORMAT_VERSION}.
     *
     * @throws IllegalStateException when it is not a stored model of this format version
     */
    static Model readModel(String json) {
        StoredModel stored;
        try {
            stored = MAPPER.readValue(json, StoredModel.class);
        } catch (JacksonException unreadable) {
            throw new IllegalStateException(
                    "not a readable stored model: " + unreadable.getOriginalMessage(), unreadable);
        }
        if (stored.formatVersion() != FORMAT_VERSION || stored.model() == null) {
            throw new IllegalStateException("a stored model of format version " + stored.formatVersion()
                    + "; this service reads " + FORMAT_VERSION);
        }
        return stored.model();
    }
}
