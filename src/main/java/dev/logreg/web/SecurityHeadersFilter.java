package dev.logreg.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening headers on every response, pages and API alike, whether API keys are on or
 * off: a Content-Security-Policy that admits only the service's own scripts, styles and API (no
 * inline script or style, no other origin, never framed), {@code X-Content-Type-Options: nosniff}
 * and {@code X-Frame-Options: DENY} for browsers that predate {@code frame-ancestors}. The pages
 * (the index, the reports) load their scripts and styles from files, draw their plots as inline
 * SVG without style attributes, and use a {@code data:} URL only for the empty favicon. Swagger UI
 * (under {@code /swagger-ui/}) also adds {@code <style>} elements from its script, so its policy
 * admits inline styles, never inline scripts. {@code BrowserTest} fails on any violation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = policy("'self'");
    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = policy("'self' 'unsafe-inline'");

    private static String policy(String styleSources) {
        return "default-src 'none'; script-src 'self'; style-src " + styleSources
                + "; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader(
                "Content-Security-Policy",
                path.startsWith("/swagger-ui/") ? SWAGGER_UI_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
