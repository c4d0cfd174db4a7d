package dev.logreg.web;

import dev.logreg.config.LogregProperties;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@code logreg.max-request-size} ({@code logreg.max-batch-request-size} for
 * {@code POST /models/{id}/predict} and {@code POST /v2/models/{id}/infer}): a declared {@code Content-Length}
 * above the limit gets 413
 * before a byte of the body is read; a body without a length (chunked) is cut off, with 413, as
 * soon as it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

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
            response.setStatus(413);
            response.setHeader("Connection", "close");
            if (InferenceProtocolPaths.matches(InferenceProtocolPaths.path(request))) {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getOutputStream()
                        .write(("{\"error\":\"The request body is larger than the limit of " + limitBytes
                                        + " bytes.\"}")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            String body = "{\"type\":\"" + ApiProblems.PAYLOAD_TOO_LARGE + "\",\"title\":\"Payload too large\","
                    + "\"status\":413,\"detail\":\"The request body is larger than the limit of "
                    + limitBytes + " bytes.\",\"instance\":\"" + jsonEscape(request.getRequestURI()) + "\"}";
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes), response);
    }

    private static String jsonEscape(String text) {
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

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limitBytes;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limitBytes) {
            super(request);
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limitBytes);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limitBytes;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limitBytes) {
            this.delegate = delegate;
            this.limitBytes = limitBytes;
        }

        @Override
        public int read() throws IOException {
            int value = delegate.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
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
