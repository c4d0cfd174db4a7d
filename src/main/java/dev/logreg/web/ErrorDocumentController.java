package dev.logreg.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error dispatch ({@code /error}), in place of Spring Boot's default JSON: an
 * exception that escaped before any controller (from a filter, or Tomcat reading the parameters) is
 * answered by {@link ApiExceptionHandler} as a controller's would be, a body Tomcat could not read
 * as the client's fault (400 or 408, never an ERROR in the log), and a status the container set
 * itself (405 for {@code TRACE}) becomes a problem document too; on {@code /v2}, the protocol's error.
 */
@Hidden
@RestController
class ErrorDocumentController implements ErrorController {

    private final ApiExceptionHandler handler;

    ErrorDocumentController(ApiExceptionHandler handler) {
        this.handler = handler;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) throws Exception {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        while (failure instanceof ServletException wrapped && wrapped.getCause() != null) {
            failure = wrapped.getCause();
        }
        if (failure instanceof IOException unreadable) {
            // Only the connection's I/O escapes a request as a checked IOException: Tomcat records a
            // body it could not read (EOF mid-body, a malformed chunk) and dispatches it here again.
            return handler.unreadableBody(unreadable);
        }
        if (failure instanceof Exception exception) {
            // Thrown again within the dispatcher, it reaches the exception handler as a controller's would.
            throw exception;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return handler.status(
                status instanceof Integer code ? code : 500,
                request.getMethod(),
                InferenceProtocolPaths.originalPath(request));
    }
}
