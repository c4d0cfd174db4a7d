package dev.logreg.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The Open Inference Protocol's paths ({@code /v2} and below), where errors take the protocol's
 * form {@code {"error": "..."}} instead of a problem document.
 */
public final class InferenceProtocolPaths {

    private InferenceProtocolPaths() {}

    /** The protocol's error object. */
    public record Error(String error) {}

    /** The request's path without the context path. */
    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * The request's path; on the error dispatch ({@code /error}), the path of the request that failed,
     * so that its error takes that request's form.
     */
    static String originalPath(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) {
            return failed.startsWith(request.getContextPath())
                    ? failed.substring(request.getContextPath().length())
                    : failed;
        }
        return path(request);
    }

    static boolean matches(String path) {
        return path != null && (path.equals("/v2") || path.startsWith("/v2/"));
    }

    /** {@code POST /v2/models/{id}/infer}, whose body is bound whole as a batch prediction's is. */
    static boolean isInfer(String method, String path) {
        return "POST".equals(method) && path.startsWith("/v2/models/") && path.endsWith("/infer");
    }
}
