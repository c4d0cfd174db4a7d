package dev.logreg.web;

import dev.logreg.math.DegenerateDataException;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.JobNotFoundException;
import dev.logreg.problem.MalformedBodyException;
import dev.logreg.problem.ModelNotFoundException;
import dev.logreg.problem.NotConfiguredException;
import dev.logreg.problem.PayloadTooLargeException;
import dev.logreg.problem.RequestTimeoutException;
import dev.logreg.problem.ServiceUnavailableException;
import dev.logreg.problem.SourceNotAllowedException;
import dev.logreg.problem.StoreFullException;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception into an RFC 9457 problem document with a stable {@code type}. Client
 * mistakes name the field and what is wrong; server faults say nothing about the internals. On the
 * Open Inference Protocol's paths ({@code /v2}) the same errors are written as that protocol asks,
 * {@code {"error": "<detail>"}} as {@code application/json} with the same status.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** A full store frees room only when models are deleted: no point in retrying soon. */
    static final long STORE_FULL_RETRY_AFTER_SECONDS = 60;

    /** The request attribute that marks a request whose error was counted. */
    private static final String COUNTED = ApiExceptionHandler.class.getName() + ".counted";

    private final ServiceMetrics metrics;

    ApiExceptionHandler(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException exception) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, ApiProblems.INVALID_REQUEST, "Invalid request", exception.getMessage());
        problem.setProperty("errors", exception.errors());
        return respond(problem, new HttpHeaders());
    }

    @ExceptionHandler(MalformedBodyException.class)
    ResponseEntity<Object> malformedBody(MalformedBodyException exception) {
        return respond(
                problem(HttpStatus.BAD_REQUEST, ApiProblems.MALFORMED_BODY, "Malformed body", exception.getMessage()),
                new HttpHeaders());
    }

    /**
     * Tomcat cannot split the query string when asked for a parameter: a parameter without a name, a
     * bad percent escape, or more parameters than {@code server.tomcat.max-parameter-count}. Tomcat's
     * message quotes the raw text, so it is not passed on.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> unreadableQuery(InvalidParameterException exception) {
        boolean tooMany =
                exception.getMessage() != null && exception.getMessage().contains("maximum number");
        return invalidRequest(new InvalidRequestException(
                "query",
                tooMany
                        ? "has more parameters than a request may have (server.tomcat.max-parameter-count, 1000"
                                + " unless set)"
                        : "cannot be read: every parameter needs a name, as name=value, percent-encoded"
                                + " (% then two hexadecimal digits)"));
    }

    /**
     * The body stopped arriving, or trickled in below the minimum rate: the client's doing. The
     * connection is closed after the answer, which a stalled client may never read.
     */
    @ExceptionHandler(RequestTimeoutException.class)
    ResponseEntity<Object> requestTimeout(RequestTimeoutException exception) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONNECTION, "close");
        return respond(
                problem(
                        HttpStatus.REQUEST_TIMEOUT,
                        ApiProblems.REQUEST_TIMEOUT,
                        "Request timeout",
                        exception.getMessage()),
                headers);
    }

    /**
     * Tomcat could not read the body: a malformed chunk, a connection closed mid-body, a read that
     * timed out. It records the failure and dispatches the request again to {@code /error}, where
     * it arrives here after the reader's own answer (the one line at DEBUG was logged then).
     */
    @ExceptionHandler({BadRequestException.class, ClientAbortException.class})
    ResponseEntity<Object> unreadableBody(IOException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return requestTimeout(new RequestTimeoutException(
                        "The request body stopped arriving: no more came within the server's read timeout."));
            }
        }
        return malformedBody(new MalformedBodyException("The request body could not be read: the connection"
                + " closed before its end, or its chunked encoding is malformed."));
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ResponseEntity<Object> modelNotFound(ModelNotFoundException exception) {
        return respond(
                problem(
                        HttpStatus.NOT_FOUND,
                        ApiProblems.MODEL_NOT_FOUND,
                        "Model not found",
                        "There is no model with id '" + exception.modelId() + "'."),
                new HttpHeaders());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> payloadTooLarge(PayloadTooLargeException exception) {
        return respond(
                problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        ApiProblems.PAYLOAD_TOO_LARGE,
                        "Payload too large",
                        exception.getMessage()),
                new HttpHeaders());
    }

    @ExceptionHandler(DegenerateDataException.class)
    ResponseEntity<Object> unfittable(DegenerateDataException exception) {
        return respond(
                problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        ApiProblems.UNFITTABLE_DATA,
                        "Data admit no model",
                        exception.getMessage()),
                new HttpHeaders());
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<Object> unavailable(ServiceUnavailableException exception) {
        return respond(
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ApiProblems.SERVICE_UNAVAILABLE,
                        "Service unavailable",
                        exception.getMessage()),
                retryAfter(exception.retryAfterSeconds()));
    }

    /** A feature the configuration leaves off: no point in retrying until an operator turns it on. */
    @ExceptionHandler(NotConfiguredException.class)
    ResponseEntity<Object> notConfigured(NotConfiguredException exception) {
        return respond(
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ApiProblems.NOT_CONFIGURED,
                        "Not configured",
                        exception.getMessage()),
                new HttpHeaders());
    }

    @ExceptionHandler(JobNotFoundException.class)
    ResponseEntity<Object> jobNotFound(JobNotFoundException exception) {
        return respond(
                problem(
                        HttpStatus.NOT_FOUND,
                        ApiProblems.JOB_NOT_FOUND,
                        "Job not found",
                        "There is no job with id '" + exception.jobId() + "'."),
                new HttpHeaders());
    }

    @ExceptionHandler(StoreFullException.class)
    ResponseEntity<Object> storeFull(StoreFullException exception) {
        return respond(
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ApiProblems.SERVICE_UNAVAILABLE,
                        "Model store full",
                        exception.getMessage()),
                retryAfter(STORE_FULL_RETRY_AFTER_SECONDS));
    }

    /** No API key, or an unknown one (only with {@code logreg.security.enabled}). */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthorized(AuthenticationException exception) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"logreg\"");
        return respond(
                problem(
                        HttpStatus.UNAUTHORIZED,
                        ApiProblems.UNAUTHORIZED,
                        "Unauthorized",
                        exception instanceof BadCredentialsException
                                ? "The API key is not valid."
                                : "This request needs an API key, sent as"
                                        + " X-API-Key: <key> or Authorization: Bearer <key>."),
                headers);
    }

    /** A read key where an admin key is needed. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException exception) {
        return respond(
                problem(
                        HttpStatus.FORBIDDEN,
                        ApiProblems.FORBIDDEN,
                        "Forbidden",
                        "This API key may read models and predict; this request needs an admin key."),
                new HttpHeaders());
    }

    /** A source URI that logreg.spark.allowed-sources does not admit; nothing was read. */
    @ExceptionHandler(SourceNotAllowedException.class)
    ResponseEntity<Object> sourceNotAllowed(SourceNotAllowedException exception) {
        return respond(
                problem(
                        HttpStatus.FORBIDDEN,
                        ApiProblems.SOURCE_NOT_ALLOWED,
                        "Source not allowed",
                        exception.getMessage()),
                new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception) {
        log.error("Unexpected failure", exception);
        return respond(
                problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ApiProblems.INTERNAL_ERROR,
                        "Internal error",
                        "The service failed to handle this request; it has been logged."),
                new HttpHeaders());
    }

    /**
     * A body bound by Spring (a batch prediction, an inference request) that failed while it was read
     * is answered as the failure itself: too large (413), stalled (408) or cut off (400), not as JSON
     * that "could not be read".
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return payloadTooLarge(tooLarge);
            }
            if (cause instanceof RequestTimeoutException timeout) {
                return requestTimeout(timeout);
            }
            if (cause instanceof MalformedBodyException cutOff) {
                return malformedBody(cutOff);
            }
        }
        return super.handleHttpMessageNotReadable(exception, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = exception.getPropertyName() == null ? "parameter" : exception.getPropertyName();
        return invalidRequest(new InvalidRequestException(
                field, "cannot read '" + exception.getValue() + "' as a " + typeName(exception.getRequiredType())));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException exception,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return invalidRequest(new InvalidRequestException(exception.getParameterName(), "is required"));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException exception,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            String field = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldError(field, error.getDefaultMessage()));
            }
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("request", "is invalid"));
        }
        return invalidRequest(new InvalidRequestException(errors));
    }

    /** Gives Spring MVC's own problem documents (404, 405, 415, unreadable body...) stable types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail
                : exception instanceof ErrorResponse response
                        ? response.getBody()
                        : ProblemDetail.forStatus(statusCode);
        problem.setType(URI.create(typeFor(statusCode.value())));
        if (statusCode.value() == 400
                && problem.getDetail() != null
                && problem.getDetail().startsWith("Failed to read request")) {
            problem.setDetail("The body could not be read as JSON of the documented shape.");
        }
        return respond(problem, headers);
    }

    private static HttpHeaders retryAfter(long seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return headers;
    }

    static String typeFor(int status) {
        return switch (status) {
            case 400 -> ApiProblems.MALFORMED_BODY;
            case 404 -> ApiProblems.NOT_FOUND;
            case 405 -> ApiProblems.METHOD_NOT_ALLOWED;
            case 406 -> ApiProblems.NOT_ACCEPTABLE;
            case 408 -> ApiProblems.REQUEST_TIMEOUT;
            case 413 -> ApiProblems.PAYLOAD_TOO_LARGE;
            case 415 -> ApiProblems.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ApiProblems.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ApiProblems.INTERNAL_ERROR : ApiProblems.INVALID_REQUEST;
        };
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * A status the container set without an exception ({@code sendError}: a method it does not
     * allow, such as TRACE, or a request it could not read), answered on the error dispatch.
     */
    ResponseEntity<Object> status(int status, String method, String path) {
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus shown = known != null && known.isError() ? known : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = switch (shown) {
            case METHOD_NOT_ALLOWED -> "The method " + method + " is not allowed here.";
            case NOT_FOUND -> "There is nothing at " + path + ".";
            case BAD_REQUEST -> "The request could not be read: it is not valid HTTP.";
            default ->
                shown.is5xxServerError()
                        ? "The service failed to handle this request."
                        : "The request failed: " + shown.getReasonPhrase() + ".";
        };
        return respond(problem(shown, typeFor(shown.value()), shown.getReasonPhrase(), detail), new HttpHeaders());
    }

    /**
     * Every problem document leaves through here, so each is counted once, by its type: a request
     * answered again on the error dispatch (after Tomcat recorded a failure to read its body) is
     * not counted twice.
     */
    private ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(COUNTED) == null) {
            attributes.getRequest().setAttribute(COUNTED, Boolean.TRUE);
            metrics.requestRejected(ApiProblems.reason(String.valueOf(problem.getType())));
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        String path = currentPath();
        if (problem.getInstance() == null && path != null && isErrorDispatch()) {
            // On the error dispatch the request's own path is /error; the problem is about the original one.
            try {
                problem.setInstance(new URI(path));
            } catch (URISyntaxException notAUri) {
                // no instance then: the path itself was what failed
            }
        }
        if (InferenceProtocolPaths.matches(path)) {
            out.setContentType(MediaType.APPLICATION_JSON);
            String message = problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
            return ResponseEntity.status(problem.getStatus())
                    .headers(out)
                    .body(new InferenceProtocolPaths.Error(message == null ? "Request failed" : message));
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }

    /** The request's path; on the error dispatch, the path of the request that failed. */
    private static String currentPath() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? InferenceProtocolPaths.originalPath(attributes.getRequest())
                : null;
    }

    private static boolean isErrorDispatch() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getDispatcherType() == DispatcherType.ERROR;
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        return "value";
    }
}
