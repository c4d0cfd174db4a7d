package dev.logreg.security;

import dev.logreg.config.LogregProperties;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Warns once the server is up when anyone who can reach it may do everything: API keys are off
 * ({@code logreg.security.enabled=false}, the default) and it listens beyond the loopback
 * interface ({@code server.address} unset, the default, means every interface). In a container
 * that is how the port gets published, so the warning also says what to do about it.
 */
@Component
class ExposureWarning implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ExposureWarning.class);

    private final boolean keysRequired;
    private final InetAddress address;

    ExposureWarning(LogregProperties properties, ServerProperties server) {
        this.keysRequired = properties.security().enabled();
        this.address = server.getAddress();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a separate management server, not the API's
        }
        String warning = warning(keysRequired, address, event.getWebServer().getPort());
        if (warning != null) {
            log.warn(warning);
        }
    }

    /** The warning for these settings, or null when keys are required or only loopback is listened on. */
    static String warning(boolean keysRequired, InetAddress address, int port) {
        if (keysRequired || (address != null && address.isLoopbackAddress())) {
            return null;
        }
        String where =
                address == null || address.isAnyLocalAddress() ? "every network interface" : address.getHostAddress();
        return "API keys are off (logreg.security.enabled=false) and the service listens on " + where + ", port "
                + port + ": anyone who can reach it may train, delete and read every model. Turn keys on"
                + " (LOGREG_SECURITY_ENABLED=true with admin keys), listen on 127.0.0.1 only (server.address), or"
                + " keep the port behind a proxy that authenticates; see docs/security.md.";
    }
}
