package dev.logreg.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the key from {@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}. A known key
 * authenticates the request with its role ({@code ROLE_ADMIN} and {@code ROLE_READ}, or
 * {@code ROLE_READ}); an unknown key is answered 401 at once; no key leaves the request
 * anonymous, for the authorization rules to admit (health, documentation) or answer 401.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final AuthenticationEntryPoint unauthorized;

    ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint unauthorized) {
        this.keys = keys;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.Role> role = keys.roleOf(presented);
        if (role.isEmpty()) {
            unauthorized.commence(request, response, new BadCredentialsException("The API key is not valid."));
            return;
        }
        List<SimpleGrantedAuthority> authorities = role.get() == ApiKeys.Role.ADMIN
                ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_READ"))
                : List.of(new SimpleGrantedAuthority("ROLE_READ"));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                role.get().name().toLowerCase(java.util.Locale.ROOT) + " key", null, authorities));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(API_KEY_HEADER);
        if (key != null) {
            return key.trim();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return null;
    }
}
