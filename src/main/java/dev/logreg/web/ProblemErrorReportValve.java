package dev.logreg.web;

import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.problem.ApiProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's report of an error it answers itself, before the application sees the request (a bad
 * percent escape in the path, a malformed URI, a {@code Content-Length} of -1), written as the
 * service writes every error: a problem document, or the protocol's {@code {"error"}} on
 * {@code /v2}. It takes the place of the host's default report, an HTML page naming Tomcat.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    private final ServiceMetrics metrics;

    ProblemErrorReportValve(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own report: nothing for a success, for a body begun or for an error reported already.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus shown = known != null && known.isError() ? known : HttpStatus.BAD_REQUEST;
        String detail = shown == HttpStatus.BAD_REQUEST
                ? "The request could not be read: it is not valid HTTP (a malformed target or percent escape,"
                        + " or a bad header such as Content-Length)."
                : shown.is5xxServerError()
                        ? "The service failed to handle this request."
                        : "The request failed: " + shown.getReasonPhrase() + ".";
        String path = request.getCoyoteRequest().requestURI().toString();
        String type = ProblemJson.typeFor(shown.value());
        metrics.requestRejected(ApiProblems.reason(type));
        log.debug(
                "{} {} answered {} by the container: {}",
                request.getMethod(),
                path,
                status,
                throwable == null ? "no exception" : RequestSizeLimitFilter.describe(throwable));
        try {
            response.setContentType(ProblemJson.contentType(path));
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream()
                    .write(ProblemJson.body(path, type, shown.getReasonPhrase(), shown.value(), detail));
            response.finishResponse();
        } catch (IOException | IllegalStateException unwritable) {
            log.debug("The error report could not be written: {}", unwritable.toString());
        }
    }
}
