package dev.logreg.report;

import java.util.Arrays;

/** Where an axis gets its ticks, and how they are labelled. */
final class Ticks {

    private Ticks() {}

    /**
     * The "nice" step for about {@code target} intervals over {@code range}: 1, 2 or 5 times a
     * power of ten, whichever is nearest to {@code range / target} on a log scale.
     */
    static double niceStep(double range, int target) {
        if (!(range > 0) || !Double.isFinite(range)) {
            return 1;
        }
        double rough = range / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double ratio = rough / magnitude;
        // Geometric midpoints between 1, 2, 5 and 10.
        double multiple = ratio < Math.sqrt(2) ? 1 : ratio < Math.sqrt(10) ? 2 : ratio < Math.sqrt(50) ? 5 : 10;
        return multiple * magnitude;
    }

    /** The multiples of {@link #niceStep} inside {@code [min, max]}. */
    static double[] linear(double min, double max, int target) {
        double step = niceStep(max - min, target);
        double first = Math.ceil(min / step - 1e-9) * step;
        int count = (int) Math.floor((max - first) / step + 1e-9) + 1;
        double[] ticks = new double[Math.max(count, 0)];
        for (int k = 0; k < ticks.length; k++) {
            // Rounded to the step's decimals, so 0.30000000000000004 is printed and placed as 0.3.
            ticks[k] = round(first + k * step, decimals(step));
        }
        return ticks;
    }

    /**
     * Ticks for a log axis over {@code [min, max]} (both positive): every power of ten inside, or
     * every 1, 2 and 5 times a power of ten when the range spans at most two decades.
     */
    static double[] logarithmic(double min, double max) {
        int low = (int) Math.floor(Math.log10(min) + 1e-9);
        int high = (int) Math.ceil(Math.log10(max) - 1e-9);
        boolean fine = spansFewDecades(min, max);
        int stride = Math.max(1, (high - low + 7) / 8);
        double[] ticks = new double[(high - low + 1) * 3];
        int count = 0;
        for (int exponent = low; exponent <= high; exponent++) {
            for (double multiple : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double tick = multiple * Math.pow(10, exponent);
                boolean shown = fine || (exponent - low) % stride == 0;
                if (shown && tick >= min * (1 - 1e-9) && tick <= max * (1 + 1e-9)) {
                    ticks[count++] = tick;
                }
            }
        }
        return Arrays.copyOf(ticks, count);
    }

    /** Whether a log axis over {@code [min, max]} is short enough for ticks at 1, 2 and 5. */
    static boolean spansFewDecades(double min, double max) {
        int low = (int) Math.floor(Math.log10(min) + 1e-9);
        int high = (int) Math.ceil(Math.log10(max) - 1e-9);
        return high - low <= 2;
    }

    /** The number of decimals a tick step needs: 0 for 1, 2, 50; 1 for 0.5; 2 for 0.05. */
    static int decimals(double step) {
        return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    }

    /** A linear tick's label with the decimals of its step. */
    static String label(double value, double step) {
        int decimals = decimals(step);
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value == 0 ? 0.0 : value);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
