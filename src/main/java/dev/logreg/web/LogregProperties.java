package dev.logreg.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The service's configuration, validated at start-up ({@code logreg.*}).
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param fitParallelism the most threads one training uses for its row sums; 0 means one per core
 */
@Validated
@ConfigurationProperties("logreg")
public record LogregProperties(
        @NotNull @DefaultValue("256MB") DataSize maxRequestSize,
        @Min(0) @Max(1024) @DefaultValue("0") int fitParallelism) {

    /** The effective number of threads a fit may use. */
    public int effectiveFitParallelism() {
        return fitParallelism == 0 ? Runtime.getRuntime().availableProcessors() : fitParallelism;
    }
}
