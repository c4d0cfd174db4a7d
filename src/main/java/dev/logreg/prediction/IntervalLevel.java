package dev.logreg.prediction;

import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.model.Model;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.text.DecimalNumbers;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The level of a prediction interval and its normal quantile {@code z = Phi^-1(1 - (1 - level) / 2)}:
 * the interval on the logit is {@code u +- z se}, mapped through sigma onto the probability, as R's
 * {@code predict(fit, type = "link", se.fit = TRUE)} followed by {@code family$linkinv}.
 *
 * @param level strictly between 0 and 1
 * @param z the two-sided normal quantile of {@code level}
 */
record IntervalLevel(double level, double z) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /**
     * Reads the {@code interval} query parameter; null when absent.
     *
     * @throws InvalidRequestException naming {@code interval} when it is not a number in (0, 1) or
     *     the model has no covariance matrix
     */
    static IntervalLevel parse(String text, Model model) {
        if (text == null) {
            return null;
        }
        try {
            return of(DecimalNumbers.parse(text), model);
        } catch (NumberFormatException notANumber) {
            throw invalid("'" + text + "'");
        }
    }

    /** The level given in a body, checked as {@link #parse} does. */
    static IntervalLevel of(double level, Model model) {
        if (!(level > 0 && level < 1)) {
            throw invalid(String.valueOf(level));
        }
        if (model.statistics() == null) {
            throw new InvalidRequestException(
                    "interval",
                    "this elastic-net model has no standard errors at this lambda (a lasso part, a penalty per"
                            + " feature, or a lambda other than the selected one), so its predictions have no"
                            + " intervals");
        }
        if (!model.statistics().hasCovariance()) {
            throw new InvalidRequestException(
                    "interval",
                    "this model has no covariance matrix (its information"
                            + " matrix is singular), so its predictions have no standard errors");
        }
        return new IntervalLevel(level, STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - level) / 2));
    }

    private static InvalidRequestException invalid(String got) {
        return new InvalidRequestException(
                "interval", "must be a number strictly between 0 and 1 (0.95 for a 95% interval), got " + got);
    }

    /** {@code sigma(logit - z standardError)}. */
    double lower(double logit, double standardError) {
        return LogisticFunctions.sigmoid(logit - z * standardError);
    }

    /** {@code sigma(logit + z standardError)}. */
    double upper(double logit, double standardError) {
        return LogisticFunctions.sigmoid(logit + z * standardError);
    }
}
