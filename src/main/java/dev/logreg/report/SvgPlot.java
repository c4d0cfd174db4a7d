package dev.logreg.report;

import java.util.Locale;
import java.util.Objects;

/**
 * A small SVG chart: a title, two labelled axes with ticks and grid lines, and data drawn in data
 * coordinates (lines, shaded areas, bars, points, labels). An empty title or x-axis label leaves
 * out its room, for a strip drawn under another plot. The SVG has a {@code viewBox} and no fixed
 * size, so it scales to its container; colours and fonts come from the page's CSS classes
 * ({@code .plot ...}). Every text is escaped.
 *
 * <p>Data are clipped to the plotting area; a non-finite value, or a non-positive one on a log
 * axis, breaks a line instead of being drawn.
 */
final class SvgPlot {

    /** How an axis maps values to positions. */
    enum Scale {
        LINEAR,
        LOG
    }

    /** Where a note goes inside the plotting area. */
    enum Corner {
        TOP_LEFT,
        TOP_RIGHT,
        BOTTOM_RIGHT
    }

    /**
     * One axis: its label and the range it shows.
     *
     * @param min the value at the axis's start (positive on a log axis)
     * @param max the value at its end, above {@code min}
     */
    record Axis(String label, double min, double max, Scale scale) {

        Axis {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(scale, "scale");
            if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("an axis needs finite min < max");
            }
            if (scale == Scale.LOG && !(min > 0)) {
                throw new IllegalArgumentException("a log axis needs min > 0");
            }
        }

        static Axis linear(String label, double min, double max) {
            return new Axis(label, min, max, Scale.LINEAR);
        }

        static Axis log(String label, double min, double max) {
            return new Axis(label, min, max, Scale.LOG);
        }

        /** Where {@code value} lies along the axis, 0 at {@code min} and 1 at {@code max}. */
        double fraction(double value) {
            return scale == Scale.LINEAR
                    ? (value - min) / (max - min)
                    : (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }

        /** Whether {@code value} can be placed on this axis. */
        boolean accepts(double value) {
            return Double.isFinite(value) && (scale == Scale.LINEAR || value > 0);
        }

        double[] ticks(int target) {
            return scale == Scale.LINEAR ? Ticks.linear(min, max, target) : Ticks.logarithmic(min, max);
        }

        /** A tick's label as SVG text content: decimals, or 10 with a raised exponent. */
        String tickLabel(double tick, double[] ticks) {
            if (scale == Scale.LINEAR) {
                double step = ticks.length > 1 ? ticks[1] - ticks[0] : Ticks.niceStep(max - min, 5);
                return Ticks.label(tick, step);
            }
            int exponent = (int) Math.floor(Math.log10(tick) + 1e-9);
            long multiple = Math.round(tick / Math.pow(10, exponent));
            if (Ticks.spansFewDecades(min, max) && exponent >= -3 && exponent <= 3) {
                return Markup.escape(Ticks.label(tick, Math.pow(10, exponent)));
            }
            String power = "10<tspan class=\"exponent\" dy=\"-0.5em\">" + exponent + "</tspan>";
            return multiple == 1 ? power : multiple + "\u00d7" + power;
        }
    }

    private static final double LEFT = 72;
    private static final double CLIP_MARGIN = 12;
    private static final double RIGHT = 18;
    /** Room above the plotting area for a title, and below it for tick labels and an axis label. */
    private static final double TITLE_ROOM = 40;

    private static final double NO_TITLE_ROOM = 12;
    private static final double LABEL_ROOM = 54;
    private static final double NO_LABEL_ROOM = 28;
    /** About one tick per this many view-box units of axis, at most five. */
    private static final double TICK_SPACING = 60;

    private final int width;
    private final int height;
    private final String title;
    private final Axis x;
    private final Axis y;
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder labels = new StringBuilder();
    private final double top;
    private final double bottom;

    /**
     * @param width the width of the view box; the SVG itself scales to its container
     * @param height the height of the view box
     */
    SvgPlot(int width, int height, String title, Axis x, Axis y) {
        this.width = width;
        this.height = height;
        this.title = Objects.requireNonNull(title, "title");
        this.x = Objects.requireNonNull(x, "x");
        this.y = Objects.requireNonNull(y, "y");
        this.top = title.isEmpty() ? NO_TITLE_ROOM : TITLE_ROOM;
        this.bottom = x.label().isEmpty() ? NO_LABEL_ROOM : LABEL_ROOM;
    }

    private double plotWidth() {
        return width - LEFT - RIGHT;
    }

    private double plotHeight() {
        return height - top - bottom;
    }

    /** The horizontal position of {@code value} in view-box units. */
    double px(double value) {
        return LEFT + x.fraction(value) * plotWidth();
    }

    /** The vertical position of {@code value} in view-box units. */
    double py(double value) {
        return top + (1 - y.fraction(value)) * plotHeight();
    }

    /** A line through the points, in order; unplaceable points break it. */
    SvgPlot line(double[] xs, double[] ys, String cssClass) {
        StringBuilder points = new StringBuilder();
        for (int k = 0; k <= xs.length; k++) {
            boolean placeable = k < xs.length && x.accepts(xs[k]) && y.accepts(ys[k]);
            if (placeable) {
                points.append(points.isEmpty() ? "" : " ")
                        .append(number(px(xs[k])))
                        .append(',')
                        .append(number(py(ys[k])));
            } else if (!points.isEmpty()) {
                data.append("<polyline class=\"")
                        .append(Markup.escape(cssClass))
                        .append("\" points=\"")
                        .append(points)
                        .append("\"/>");
                points.setLength(0);
            }
        }
        return this;
    }

    /** The region between a line and the level {@code baseline} (for example the area under a curve). */
    SvgPlot area(double[] xs, double[] ys, double baseline, String cssClass) {
        if (xs.length == 0) {
            return this;
        }
        StringBuilder points = new StringBuilder();
        double bottom = py(baseline);
        points.append(number(px(xs[0]))).append(',').append(number(bottom));
        for (int k = 0; k < xs.length; k++) {
            points.append(' ').append(number(px(xs[k]))).append(',').append(number(py(ys[k])));
        }
        points.append(' ').append(number(px(xs[xs.length - 1]))).append(',').append(number(bottom));
        data.append("<polygon class=\"")
                .append(Markup.escape(cssClass))
                .append("\" points=\"")
                .append(points)
                .append("\"/>");
        return this;
    }

    /** A straight segment, for a reference line. */
    SvgPlot segment(double x1, double y1, double x2, double y2, String cssClass) {
        data.append("<line class=\"")
                .append(Markup.escape(cssClass))
                .append("\" x1=\"")
                .append(number(px(x1)))
                .append("\" y1=\"")
                .append(number(py(y1)))
                .append("\" x2=\"")
                .append(number(px(x2)))
                .append("\" y2=\"")
                .append(number(py(y2)))
                .append("\"/>");
        return this;
    }

    /** A bar from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}), with a tooltip. */
    SvgPlot bar(double x0, double x1, double y0, double y1, String cssClass, String tooltip) {
        double left = Math.min(px(x0), px(x1));
        double upper = Math.min(py(y0), py(y1));
        data.append("<rect class=\"")
                .append(Markup.escape(cssClass))
                .append("\" x=\"")
                .append(number(left))
                .append("\" y=\"")
                .append(number(upper))
                .append("\" width=\"")
                .append(number(Math.abs(px(x1) - px(x0))))
                .append("\" height=\"")
                .append(number(Math.abs(py(y1) - py(y0))))
                .append("\"><title>")
                .append(Markup.escape(tooltip))
                .append("</title></rect>");
        return this;
    }

    /** A point of {@code radius} view-box units, with a tooltip. */
    SvgPlot point(double xValue, double yValue, double radius, String cssClass, String tooltip) {
        if (!x.accepts(xValue) || !y.accepts(yValue)) {
            return this;
        }
        data.append("<circle class=\"")
                .append(Markup.escape(cssClass))
                .append("\" cx=\"")
                .append(number(px(xValue)))
                .append("\" cy=\"")
                .append(number(py(yValue)))
                .append("\" r=\"")
                .append(number(radius))
                .append("\"><title>")
                .append(Markup.escape(tooltip))
                .append("</title></circle>");
        return this;
    }

    /** A text next to a data point, moved by ({@code dx}, {@code dy}) view-box units. */
    SvgPlot label(double xValue, double yValue, double dx, double dy, String text, String cssClass) {
        if (!x.accepts(xValue) || !y.accepts(yValue)) {
            return this;
        }
        labels.append("<text class=\"")
                .append(Markup.escape(cssClass))
                .append("\" x=\"")
                .append(number(px(xValue) + dx))
                .append("\" y=\"")
                .append(number(py(yValue) + dy))
                .append("\">")
                .append(Markup.escape(text))
                .append("</text>");
        return this;
    }

    /** Lines of text in a corner of the plotting area, such as "AUC = 0.945". */
    SvgPlot note(Corner corner, String... lines) {
        double lineHeight = 17;
        boolean right = corner != Corner.TOP_LEFT;
        double left = right ? LEFT + plotWidth() - 10 : LEFT + 10;
        double firstLine =
                corner == Corner.BOTTOM_RIGHT ? top + plotHeight() - 10 - (lines.length - 1) * lineHeight : top + 20;
        for (int k = 0; k < lines.length; k++) {
            labels.append("<text class=\"note\" x=\"")
                    .append(number(left))
                    .append("\" y=\"")
                    .append(number(firstLine + k * lineHeight))
                    .append('"')
                    .append(right ? " text-anchor=\"end\"" : "")
                    .append('>')
                    .append(Markup.escape(lines[k]))
                    .append("</text>");
        }
        return this;
    }

    /** A message in the middle of the plotting area, for a plot that has nothing to draw. */
    SvgPlot message(String text) {
        labels.append("<text class=\"message\" x=\"")
                .append(number(LEFT + plotWidth() / 2))
                .append("\" y=\"")
                .append(number(top + plotHeight() / 2))
                .append("\" text-anchor=\"middle\">")
                .append(Markup.escape(text))
                .append("</text>");
        return this;
    }

    /**
     * The SVG element.
     *
     * @param id unique in the page: it names the title, the description and the clip path
     * @param description what the plot shows, for screen readers
     */
    String render(String id, String description) {
        String safeId = Markup.escape(id);
        double plotRight = LEFT + plotWidth();
        double plotBottom = top + plotHeight();
        StringBuilder svg = new StringBuilder(4096 + data.length() + labels.length());
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" id=\"")
                .append(safeId)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(safeId)
                .append("-title ")
                .append(safeId)
                .append("-desc\">");
        svg.append("<title id=\"")
                .append(safeId)
                .append("-title\">")
                .append(Markup.escape(title))
                .append("</title>");
        svg.append("<desc id=\"")
                .append(safeId)
                .append("-desc\">")
                .append(Markup.escape(description))
                .append("</desc>");
        // The clip leaves a margin round the plotting area, so a marker on its edge stays whole.
        svg.append("<defs><clipPath id=\"")
                .append(safeId)
                .append("-clip\"><rect x=\"")
                .append(number(LEFT - CLIP_MARGIN))
                .append("\" y=\"")
                .append(number(top - CLIP_MARGIN))
                .append("\" width=\"")
                .append(number(plotWidth() + 2 * CLIP_MARGIN))
                .append("\" height=\"")
                .append(number(plotHeight() + 2 * CLIP_MARGIN))
                .append("\"/></clipPath></defs>");
        if (!title.isEmpty()) {
            svg.append("<text class=\"plot-title\" x=\"")
                    .append(number(LEFT))
                    .append("\" y=\"24\">")
                    .append(Markup.escape(title))
                    .append("</text>");
        }
        svg.append("<rect class=\"plot-area\" x=\"")
                .append(number(LEFT))
                .append("\" y=\"")
                .append(number(top))
                .append("\" width=\"")
                .append(number(plotWidth()))
                .append("\" height=\"")
                .append(number(plotHeight()))
                .append("\"/>");

        double[] xTicks = x.ticks(tickTarget(plotWidth()));
        double[] yTicks = y.ticks(tickTarget(plotHeight()));
        svg.append("<g class=\"grid\">");
        for (double tick : xTicks) {
            svg.append("<line x1=\"")
                    .append(number(px(tick)))
                    .append("\" y1=\"")
                    .append(number(top))
                    .append("\" x2=\"")
                    .append(number(px(tick)))
                    .append("\" y2=\"")
                    .append(number(plotBottom))
                    .append("\"/>");
        }
        for (double tick : yTicks) {
            svg.append("<line x1=\"")
                    .append(number(LEFT))
                    .append("\" y1=\"")
                    .append(number(py(tick)))
                    .append("\" x2=\"")
                    .append(number(plotRight))
                    .append("\" y2=\"")
                    .append(number(py(tick)))
                    .append("\"/>");
        }
        svg.append("</g>");

        svg.append("<g class=\"axis x-axis\"><line x1=\"")
                .append(number(LEFT))
                .append("\" y1=\"")
                .append(number(plotBottom))
                .append("\" x2=\"")
                .append(number(plotRight))
                .append("\" y2=\"")
                .append(number(plotBottom))
                .append("\"/>");
        for (double tick : xTicks) {
            svg.append("<line x1=\"")
                    .append(number(px(tick)))
                    .append("\" y1=\"")
                    .append(number(plotBottom))
                    .append("\" x2=\"")
                    .append(number(px(tick)))
                    .append("\" y2=\"")
                    .append(number(plotBottom + 5))
                    .append("\"/><text class=\"tick-label\" x=\"")
                    .append(number(px(tick)))
                    .append("\" y=\"")
                    .append(number(plotBottom + 19))
                    .append("\" text-anchor=\"middle\">")
                    .append(x.tickLabel(tick, xTicks))
                    .append("</text>");
        }
        if (!x.label().isEmpty()) {
            svg.append("<text class=\"axis-label\" x=\"")
                    .append(number(LEFT + plotWidth() / 2))
                    .append("\" y=\"")
                    .append(number(height - 10))
                    .append("\" text-anchor=\"middle\">")
                    .append(Markup.escape(x.label()))
                    .append("</text>");
        }
        svg.append("</g>");

        svg.append("<g class=\"axis y-axis\"><line x1=\"")
                .append(number(LEFT))
                .append("\" y1=\"")
                .append(number(top))
                .append("\" x2=\"")
                .append(number(LEFT))
                .append("\" y2=\"")
                .append(number(plotBottom))
                .append("\"/>");
        for (double tick : yTicks) {
            svg.append("<line x1=\"")
                    .append(number(LEFT - 5))
                    .append("\" y1=\"")
                    .append(number(py(tick)))
                    .append("\" x2=\"")
                    .append(number(LEFT))
                    .append("\" y2=\"")
                    .append(number(py(tick)))
                    .append("\"/><text class=\"tick-label\" x=\"")
                    .append(number(LEFT - 8))
                    .append("\" y=\"")
                    .append(number(py(tick) + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(y.tickLabel(tick, yTicks))
                    .append("</text>");
        }
        double middle = top + plotHeight() / 2;
        svg.append("<text class=\"axis-label\" x=\"14\" y=\"")
                .append(number(middle))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(number(middle))
                .append(")\">")
                .append(Markup.escape(y.label()))
                .append("</text></g>");

        svg.append("<g class=\"data\" clip-path=\"url(#")
                .append(safeId)
                .append("-clip)\">")
                .append(data)
                .append("</g>");
        svg.append("<g class=\"labels\">").append(labels).append("</g>");
        return svg.append("</svg>").toString();
    }

    private static int tickTarget(double length) {
        return (int) Math.max(2, Math.min(5, Math.floor(length / TICK_SPACING)));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
