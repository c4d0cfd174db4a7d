package dev.logreg.problem;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The problem types this API answers with, and annotations documenting them in OpenAPI. Each
 * {@code type} is stable: clients may switch on it.
 */
public final class ApiProblems {

    private static final String PREFIX = "urn:logreg:problem:";

    public static final String INVALID_REQUEST = PREFIX + "invalid-request";
    public static final String MALFORMED_BODY = PREFIX + "malformed-body";
    public static final String MODEL_NOT_FOUND = PREFIX + "model-not-found";
    public static final String NOT_FOUND = PREFIX + "not-found";
    public static final String METHOD_NOT_ALLOWED = PREFIX + "method-not-allowed";
    public static final String NOT_ACCEPTABLE = PREFIX + "not-acceptable";
    public static final String PAYLOAD_TOO_LARGE = PREFIX + "payload-too-large";
    /** The body stalled or trickled in below the minimum rate: the client's fault, not the service's. */
    public static final String REQUEST_TIMEOUT = PREFIX + "request-timeout";

    public static final String UNSUPPORTED_MEDIA_TYPE = PREFIX + "unsupported-media-type";
    public static final String UNFITTABLE_DATA = PREFIX + "unfittable-data";
    public static final String SERVICE_UNAVAILABLE = PREFIX + "service-unavailable";
    public static final String UNAUTHORIZED = PREFIX + "unauthorized";
    public static final String FORBIDDEN = PREFIX + "forbidden";
    public static final String INTERNAL_ERROR = PREFIX + "internal-error";
    /** A feature the configuration leaves off, such as trainings on a Spark source without logreg.spark.remote. */
    public static final String NOT_CONFIGURED = PREFIX + "not-configured";

    public static final String JOB_NOT_FOUND = PREFIX + "job-not-found";
    /** A source URI that logreg.spark.allowed-sources does not admit. */
    public static final String SOURCE_NOT_ALLOWED = PREFIX + "source-not-allowed";
    /** A training job's Spark work failed: the cluster, the file, an executor. */
    public static final String SPARK_FAILURE = PREFIX + "spark-failure";

    private ApiProblems() {}

    /** The part of a problem type after the common prefix: {@code invalid-request}, ... */
    public static String reason(String type) {
        return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }

    /** An RFC 9457 problem document, as this API writes it (for the OpenAPI schema). */
    @Schema(name = "Problem", description = "RFC 9457 problem details")
    public record Document(
            @Schema(example = "urn:logreg:problem:invalid-request")
            String type,

            @Schema(example = "Invalid request") String title,
            @Schema(example = "400") int status,
            @Schema(example = "The dataset has 1 error.") String detail,
            @Schema(example = "/models") String instance,

            @Schema(description = "Field-level errors of an invalid request")
            List<FieldError> errors) {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "400",
            description = "Invalid request: the errors list names each field and what is wrong",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface BadRequest {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "No model with this id",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface NotFound {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "No job with this id (never submitted, or forgotten past logreg.spark.max-jobs)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface JobNotFound {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "413",
            description = "The body is larger than the configured limit",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    @ApiResponse(
            responseCode = "415",
            description = "Unsupported content type",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface BodyProblems {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description = "Too many trainings at once, the model store is full, the"
                    + " training ran out of time and failOnTimeout was"
                    + " asked for, or the model database cannot be reached"
                    + " (nothing was stored); Retry-After says when to try again",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "seconds to wait before retrying",
                            schema = @Schema(type = "integer")),
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface Unavailable {}

    /** Only with the PostgreSQL store ({@code spring.datasource.url}): the database is needed and away. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description = "The model database cannot be reached (only with the PostgreSQL store, and for a"
                    + " prediction only when this replica has not cached the model); Retry-After says when to"
                    + " try again",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "seconds to wait before retrying",
                            schema = @Schema(type = "integer")),
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface DatabaseUnavailable {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "422",
            description = "The data admit no model (every feature is zero)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Document.class)))
    public @interface Unfittable {}
}
