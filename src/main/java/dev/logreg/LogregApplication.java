package dev.logreg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the logistic-regression training service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LogregApplication {

    public static void main(String[] args) {
        SpringApplication.run(LogregApplication.class, args);
    }
}
