package dev.logreg.web;

import dev.logreg.config.LogregProperties;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.MalformedBodyException;
import dev.logreg.problem.PayloadTooLargeException;
import dev.logreg.problem.RequestTimeoutException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@code logreg.max-request-size} ({@code logreg.max-batch-request-size} for
 * {@code POST /models/{id}/predict} and {@code POST /v2/models/{id}/infer}): a declared {@code Content-Length}
 * above the limit gets 413
 * before a byte of the body is read; a body without a length (chunked) is cut off, with 413, as
 * soon as it passes the limit.
 *
 * <p>A body that cannot be read to its end is the client's doing, not the service's: a connection
 * closed mid-body or a malformed chunk becomes a {@link MalformedBodyException} (400), a read that
 * timed out a {@link RequestTimeoutException} (408), each logged as one line at DEBUG. Readers see
 * an unchecked exception, which none of them mistakes for a failure of its own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestSizeLimitFilter.class);

    private final long requestLimitBytes;
    private final long batchLimitBytes;
    private final ServiceMetrics metrics;

    RequestSizeLimitFilter(LogregProperties properties, ServiceMetrics metrics) {
        this.requestLimitBytes = properties.maxRequestSize().toBytes();
        this.batchLimitBytes =
                Math.min(requestLimitBytes, properties.maxBatchRequestSize().toBytes());
        this.metrics = metrics;
    }

    /**
     * A batch prediction is bound to {@code double[][]} whole, before any check of its rows, at
     * up to 8 times its size in objects: its bodies get the smaller limit.
     */
    private long limitFor(HttpServletRequest request) {
        String path = InferenceProtocolPaths.path(request);
        boolean batch = "POST".equals(request.getMethod()) && path.startsWith("/models/") && path.endsWith("/predict");
        return batch || InferenceProtocolPaths.isInfer(request.getMethod(), path) ? batchLimitBytes : requestLimitBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limitBytes = limitFor(request);
        if (request.getContentLengthLong() > limitBytes) {
            metrics.requestRejected(ApiProblems.reason(ApiProblems.PAYLOAD_TOO_LARGE));
            String path = InferenceProtocolPaths.path(request);
            response.setStatus(413);
            response.setHeader("Connection", "close");
            response.setContentType(ProblemJson.contentType(path));
            response.getOutputStream()
                    .write(ProblemJson.body(
                            path,
                            ApiProblems.PAYLOAD_TOO_LARGE,
                            "Payload too large",
                            413,
                            "The request body is larger than the limit of " + limitBytes + " bytes."));
            return;
        }
        chain.doFilter(
                new LimitedRequest(request, limitBytes, request.getMethod() + " " + request.getRequestURI()), response);
    }

    /** The failure and its causes, types and messages, on one line for a DEBUG log. */
    static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        for (Throwable cause = failure; cause != null && line.length() < 500; cause = cause.getCause()) {
            line.append(line.isEmpty() ? "" : " <- ")
                    .append(cause.getClass().getSimpleName())
                    .append(cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return line.toString();
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limitBytes;
        private final String target;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limitBytes, String target) {
            super(request);
            this.limitBytes = limitBytes;
            this.target = target;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limitBytes, target);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limitBytes;
        private final String target;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limitBytes, String target) {
            this.delegate = delegate;
            this.limitBytes = limitBytes;
            this.target = target;
        }

        @Override
        public int read() throws IOException {
            int value;
            try {
                value = delegate.read();
            } catch (IOException unreadable) {
                throw clientFault(unreadable);
            }
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read;
            try {
                read = delegate.read(buffer, offset, length);
            } catch (IOException unreadable) {
                throw clientFault(unreadable);
            }
            if (read > 0) {
                count(read);
            }
            return read;
        }

        /** The body could not be read on: the client closed, stalled or broke the framing. */
        private RuntimeException clientFault(IOException failure) {
            log.debug("{}: the request body could not be read after {} bytes: {}", target, count, describe(failure));
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SocketTimeoutException) {
                    return new RequestTimeoutException("The request body stopped arriving after " + count
                            + " bytes: no more came within the server's read timeout.");
                }
            }
            return new MalformedBodyException("The request body could not be read after " + count
                    + " bytes: the connection closed before its end, or its chunked encoding is malformed.");
        }

        private void count(int bytes) {
            count += bytes;
            if (count > limitBytes) {
                throw new PayloadTooLargeException(limitBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
