package dev.logreg.training;

import org.ejml.EjmlVersion;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The versions of the software that fits, recorded in every model's provenance: this service's from
 * its build ({@code META-INF/build-info.properties}, written by spring-boot-maven-plugin's
 * {@code build-info} goal; {@code unknown} when run without it), the Java runtime's and EJML's.
 */
@Component
class SoftwareVersions {

    private final String service;
    private final String java;
    private final String ejml;

    SoftwareVersions(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.service = properties == null || properties.getVersion() == null ? "unknown" : properties.getVersion();
        this.java = Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
        this.ejml = EjmlVersion.VERSION;
    }

    String service() {
        return service;
    }

    String java() {
        return java;
    }

    String ejml() {
        return ejml;
    }
}
