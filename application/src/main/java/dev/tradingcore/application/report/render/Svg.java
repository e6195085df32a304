package dev.tradingcore.application.report.render;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * The report's two kinds of chart, drawn as inline SVG: a line over time (equity, drawdown) and horizontal bars
 * (exposure). No script and no font or file from anywhere: the page opens the same offline and in ten years.
 */
final class Svg {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 28;

    private Svg() {
    }

    /**
     * A line through the points in time order, the value axis labelled at its low and high ends.
     *
     * @param id names the chart for tests and style ({@code data-chart})
     */
    static String line(String id, String title, List<Tuple2<Instant, BigDecimal>> points, String unit) {
        if (points.size() < 2) {
            return "<p class=\"empty\" data-chart=\"" + id + "\">" + Html.escape(title) + ": "
                    + (points.isEmpty() ? "no risk snapshot this day" : "one risk snapshot only, no curve") + "</p>";
        }
        double low = points.map(p -> p._2.doubleValue()).min().get();
        double high = points.map(p -> p._2.doubleValue()).max().get();
        if (high == low) {
            high = low + 1;
        }
        long first = points.head()._1.toEpochMilli();
        long span = Math.max(1, points.last()._1.toEpochMilli() - first);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder path = new StringBuilder();
        for (Tuple2<Instant, BigDecimal> point : points) {
            double x = LEFT + plotWidth * (point._1.toEpochMilli() - first) / span;
            double y = TOP + plotHeight * (high - point._2.doubleValue()) / (high - low);
            path.append(path.isEmpty() ? "M" : " L").append(format(x)).append(',').append(format(y));
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" data-chart=\"" + id + "\" viewBox=\"0 0 "
                + WIDTH + " " + HEIGHT + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\">"
                + "<title>" + Html.escape(title) + "</title>"
                + "<rect x=\"" + LEFT + "\" y=\"" + TOP + "\" width=\"" + format(plotWidth) + "\" height=\""
                + format(plotHeight) + "\" class=\"plot\"/>"
                + "<text x=\"" + (LEFT - 6) + "\" y=\"" + (TOP + 10) + "\" class=\"axis\" text-anchor=\"end\">"
                + format(high) + unit + "</text>"
                + "<text x=\"" + (LEFT - 6) + "\" y=\"" + (HEIGHT - BOTTOM) + "\" class=\"axis\" text-anchor=\"end\">"
                + format(low) + unit + "</text>"
                + "<text x=\"" + LEFT + "\" y=\"" + (HEIGHT - 8) + "\" class=\"axis\">" + points.head()._1 + "</text>"
                + "<text x=\"" + (WIDTH - RIGHT) + "\" y=\"" + (HEIGHT - 8) + "\" class=\"axis\" text-anchor=\"end\">"
                + points.last()._1 + "</text>"
                + "<path d=\"" + path + "\" class=\"line\"/></svg>";
    }

    /** One horizontal bar per label, scaled to the largest value. */
    static String bars(String id, String title, List<Tuple2<String, BigDecimal>> values, String unit) {
        if (values.isEmpty()) {
            return "<p class=\"empty\" data-chart=\"" + id + "\">" + Html.escape(title) + ": nothing held</p>";
        }
        int rowHeight = 22;
        int height = TOP + rowHeight * values.size() + 8;
        double largest = values.map(v -> v._2.abs().doubleValue()).max().get();
        double scale = largest == 0 ? 0 : (WIDTH - LEFT - RIGHT - 110) / largest;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" data-chart=\""
                + id + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" width=\"" + WIDTH + "\" height=\"" + height
                + "\"><title>" + Html.escape(title) + "</title>");
        int row = 0;
        for (Tuple2<String, BigDecimal> value : values) {
            double y = TOP + row * rowHeight;
            double length = Math.abs(value._2.doubleValue()) * scale;
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(format(y + 14))
                    .append("\" class=\"axis\" text-anchor=\"end\">").append(Html.escape(value._1)).append("</text>")
                    .append("<rect x=\"").append(LEFT).append("\" y=\"").append(format(y + 3)).append("\" width=\"")
                    .append(format(Math.max(length, 1))).append("\" height=\"").append(rowHeight - 6)
                    .append("\" class=\"").append(value._2.signum() < 0 ? "bar short" : "bar").append("\"/>")
                    .append("<text x=\"").append(format(LEFT + length + 6)).append("\" y=\"").append(format(y + 14))
                    .append("\" class=\"axis\">").append(value._2.toPlainString()).append(unit).append("</text>");
            row++;
        }
        return svg.append("</svg>").toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
