package dev.logreg.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The answer to a request without a key. A browser navigating to a page (the index or a report)
 * cannot send a header, so it gets 401 with the key-needed page, whose script ({@code keys.js})
 * asks for a key, keeps it in the tab's session storage and fetches the page again with it as
 * {@code X-API-Key}. Every other request gets the problem document of {@code otherwise}.
 */
final class KeyNeededPage implements AuthenticationEntryPoint {

    /** The pages, as paths without the context path. */
    private static final Pattern PAGES = Pattern.compile("/|/models/[^/]+/report");
    /** As the problem document's 401 says it. */
    private static final String CHALLENGE = "Bearer realm=\"logreg\"";

    private final ITemplateEngine templates;
    private final AuthenticationEntryPoint otherwise;

    KeyNeededPage(ITemplateEngine templates, AuthenticationEntryPoint otherwise) {
        this.templates = templates;
        this.otherwise = otherwise;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        if (!isPageNavigation(request)) {
            otherwise.commence(request, response, failure);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType("text/html;charset=UTF-8");
        if (!"HEAD".equals(request.getMethod())) {
            WebContext context = new WebContext(
                    JakartaServletWebApplication.buildApplication(request.getServletContext())
                            .buildExchange(request, response),
                    request.getLocale());
            templates.process("key-needed", context, response.getWriter());
        }
    }

    /** A GET or HEAD of a page that asks for HTML by name (a browser's navigation does; API clients do not). */
    private static boolean isPageNavigation(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (!PAGES.matcher(path).matches() || accept == null) {
            return false;
        }
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            return accepted.stream()
                    .anyMatch(type -> type.getType().equals("text")
                            && type.getSubtype().equals("html")
                            && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
