package dev.logreg.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API endpoints answer JSON (errors as problem+json) whatever the {@code Accept} header lists, as
 * the contract promises: a browser's {@code text/html} or a client's {@code text/plain} must not
 * turn a prediction into a 406. Pages (anything under {@code /models/{id}/report}) keep normal
 * negotiation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class JsonAcceptFilter extends OncePerRequestFilter {

    private static final String JSON_TYPES = "application/json, application/problem+json";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.equals("/models") || path.startsWith("/models/") || path.equals("/objective");
        return !api || path.endsWith("/report");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getHeader(String name) {
                        return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? JSON_TYPES : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                                ? Collections.enumeration(java.util.List.of(JSON_TYPES))
                                : super.getHeaders(name);
                    }
                },
                response);
    }
}
