package dev.logreg.training;

import dev.logreg.math.CovarianceType;
import dev.logreg.math.FitMethod;
import dev.logreg.math.Interpretation;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import dev.logreg.math.Solvers;
import dev.logreg.model.TrainingOptions;
import dev.logreg.text.DecimalNumbers;
import java.util.Map;
import java.util.Set;

/**
 * Turns the options a client sent (JSON values, or query-parameter strings for CSV) into the
 * effective {@link TrainingOptions}, defaults filled in, reporting each bad option by name.
 */
final class OptionsResolver {

    static final Set<String> NAMES = Set.of(
            "solver",
            "fitIntercept",
            "l2",
            "maxIterations",
            "tolerance",
            "learningRate",
            "batchSize",
            "epochs",
            "seed",
            "failOnTimeout",
            "method",
            "covariance",
            "intervals",
            "level",
            "marginalEffects",
            ElasticNetRequest.FIELD);

    private final Map<String, Object> raw;
    private final String prefix;
    private final DatasetBuilder errors;

    /**
     * @param raw option name to value: a String, Boolean or Double from JSON, or a String from a
     *     query parameter
     * @param prefix how the options are called in errors ({@code options.} or empty)
     */
    OptionsResolver(Map<String, Object> raw, String prefix, DatasetBuilder errors) {
        this.raw = raw;
        this.prefix = prefix;
        this.errors = errors;
    }

    TrainingOptions resolve() {
        for (String name : raw.keySet()) {
            if (!NAMES.contains(name)) {
                errors.error(
                        prefix + name,
                        "unknown option; known options are " + String.join(", ", new java.util.TreeSet<>(NAMES)));
            }
        }
        String solver = string("solver", "newton");
        if (Solvers.byName(solver).isEmpty()) {
            errors.error(
                    prefix + "solver", "unknown solver '" + solver + "'; one of " + String.join(", ", Solvers.names()));
        }
        String method = string("method", FitMethod.ML.apiName());
        if (FitMethod.byName(method).isEmpty()) {
            errors.error(
                    prefix + "method",
                    "unknown method '" + method + "'; one of " + String.join(", ", FitMethod.names()));
        }
        String covariance = string("covariance", CovarianceType.MODEL.apiName());
        if (CovarianceType.byName(covariance).isEmpty()) {
            errors.error(
                    prefix + "covariance",
                    "unknown covariance '" + covariance + "'; one of " + String.join(", ", CovarianceType.names()));
        }
        double l2 = number("l2", 0.0, 0.0, 1e12);
        if (method.equals(FitMethod.FIRTH.apiName())) {
            // Firth's fit runs its own Newton iterations on the penalised likelihood.
            if (Solvers.byName(solver).isPresent() && !solver.equals(NewtonSolver.NAME)) {
                errors.error(
                        prefix + "solver",
                        "method firth is fitted by Newton's method: the solver must be" + " newton (or left out), got '"
                                + solver + "'");
            }
            if (l2 != 0) {
                errors.error(prefix + "l2", "method firth takes no ridge penalty: l2 must be 0, got " + l2);
            }
        }
        String intervals = string("intervals", Interpretation.IntervalType.WALD.apiName());
        if (!intervals.equals("wald") && !intervals.equals("profile")) {
            errors.error(prefix + "intervals", "unknown intervals '" + intervals + "'; one of wald, profile");
        } else if (intervals.equals("profile") && (l2 != 0 || !method.equals(FitMethod.ML.apiName()))) {
            errors.error(
                    prefix + "intervals",
                    "profile intervals are those of the maximum-likelihood fit: they need method ml and l2 = 0");
        }
        double level = number("level", TrainingOptions.DEFAULT_LEVEL, 0, 1);
        if (!(level > 0 && level < 1)) {
            errors.error(prefix + "level", "must be strictly between 0 and 1, got " + level);
        }
        String marginalEffects = string("marginalEffects", null);
        if (marginalEffects != null && !marginalEffects.equals("average") && !marginalEffects.equals("mean")) {
            errors.error(
                    prefix + "marginalEffects",
                    "unknown marginalEffects '" + marginalEffects + "'; one of average, mean (or null for none)");
        }
        TrainingOptions options = new TrainingOptions(
                solver,
                bool("fitIntercept", true),
                l2,
                (int) integer("maxIterations", SolverOptions.DEFAULT_MAX_ITERATIONS, 1, 1_000_000),
                positive("tolerance", SolverOptions.DEFAULT_TOLERANCE, 1.0),
                positive("learningRate", SolverOptions.DEFAULT_LEARNING_RATE, 1e6),
                (int) integer("batchSize", SolverOptions.DEFAULT_BATCH_SIZE, 1, 10_000_000),
                (int) integer("epochs", SolverOptions.DEFAULT_EPOCHS, 1, 100_000),
                integer("seed", SolverOptions.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE),
                bool("failOnTimeout", false),
                method,
                covariance,
                intervals,
                level,
                marginalEffects,
                null);
        Object elasticNet = raw.get(ElasticNetRequest.FIELD);
        if (elasticNet == null) {
            return options;
        }
        if (intervals.equals("profile") || marginalEffects != null) {
            errors.error(
                    prefix + (marginalEffects != null ? "marginalEffects" : "intervals"),
                    "applies to a maximum-likelihood fit, not to an elastic net (whose lasso part has no"
                            + " standard errors)");
        }
        return new TrainingOptions(
                options.solver(),
                options.fitIntercept(),
                options.l2(),
                options.maxIterations(),
                options.tolerance(),
                options.learningRate(),
                options.batchSize(),
                options.epochs(),
                options.seed(),
                options.failOnTimeout(),
                options.method(),
                options.covariance(),
                intervals,
                level,
                marginalEffects,
                ElasticNetRequest.resolve(elasticNet, prefix + ElasticNetRequest.FIELD, options, errors));
    }

    private String string(String name, String fallback) {
        Object value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text) {
            return text;
        }
        errors.error(prefix + name, "must be a string");
        return fallback;
    }

    private boolean bool(String name, boolean fallback) {
        Object value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        errors.error(prefix + name, "must be true or false");
        return fallback;
    }

    private double number(String name, double fallback, double min, double max) {
        Double value = asDouble(name);
        if (value == null) {
            return fallback;
        }
        if (!(value >= min && value <= max)) {
            errors.error(prefix + name, "must be between " + min + " and " + max + ", got " + value);
            return fallback;
        }
        return value;
    }

    private double positive(String name, double fallback, double max) {
        Double value = asDouble(name);
        if (value == null) {
            return fallback;
        }
        if (!(value > 0 && value <= max)) {
            errors.error(prefix + name, "must be positive and at most " + max + ", got " + value);
            return fallback;
        }
        return value;
    }

    private long integer(String name, long fallback, long min, long max) {
        Object value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        if (value instanceof Long whole) {
            parsed = whole;
        } else if (value instanceof String text) {
            try {
                parsed = Long.parseLong(text.trim());
            } catch (NumberFormatException notWhole) {
                errors.error(prefix + name, "must be a whole number, got '" + text + "'");
                return fallback;
            }
        } else {
            errors.error(prefix + name, "must be a whole number");
            return fallback;
        }
        if (parsed < min || parsed > max) {
            errors.error(prefix + name, "must be between " + min + " and " + max + ", got " + parsed);
            return fallback;
        }
        return parsed;
    }

    private Double asDouble(String name) {
        Object value = raw.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Double number) {
            return number;
        }
        if (value instanceof Long whole) {
            return whole.doubleValue();
        }
        if (value instanceof String text) {
            try {
                double parsed = DecimalNumbers.parse(text);
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            errors.error(prefix + name, "must be a finite number, got '" + text + "'");
            return null;
        }
        errors.error(prefix + name, "must be a number");
        return null;
    }
}
