package dev.logreg.web;

import dev.logreg.metrics.ServiceMetrics;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Errors Tomcat answers before the application sees the request take the service's form too. */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

    /**
     * The host reports errors with {@link ProblemErrorReportValve}: named as the host's report valve
     * and already in its pipeline, it is the one the host keeps when it starts.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ServiceMetrics metrics) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(metrics));
            }
        });
    }
}
