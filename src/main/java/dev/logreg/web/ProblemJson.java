package dev.logreg.web;

import java.nio.charset.StandardCharsets;

/**
 * An error written before Spring's message converters can be used (in a filter, in Tomcat's own
 * error report): the same problem document the exception handler writes, or on {@code /v2} the
 * protocol's {@code {"error": "..."}}, as UTF-8 bytes.
 */
final class ProblemJson {

    private ProblemJson() {}

    /** {@code application/problem+json}, or {@code application/json} for the protocol's error. */
    static String contentType(String path) {
        return InferenceProtocolPaths.matches(path) ? "application/json" : "application/problem+json";
    }

    /**
     * @param path the request's path, which decides the form and is the problem's instance (left out
     *     when null)
     */
    static byte[] body(String path, String type, String title, int status, String detail) {
        if (InferenceProtocolPaths.matches(path)) {
            return ("{\"error\":\"" + escape(detail) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        return ("{\"type\":\"" + type + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                        + ",\"detail\":\"" + escape(detail) + "\""
                        + (path == null ? "" : ",\"instance\":\"" + escape(path) + "\"") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The problem type of an error the service did not raise itself, by its status. */
    static String typeFor(int status) {
        return ApiExceptionHandler.typeFor(status);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
