package dev.tradingcore.bootstrap.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of one run: the machine, the command, the rows; printed as a table, JSON and Markdown. */
final class BenchReport {

    private final Map<String, String> machine;
    private final String command;
    private final List<BenchRow> rows;
    private final List<String> notes;

    BenchReport(Map<String, String> machine, String command, List<BenchRow> rows, List<String> notes) {
        this.machine = new LinkedHashMap<>(machine);
        this.command = command;
        this.rows = List.copyOf(rows);
        this.notes = List.copyOf(notes);
    }

    List<BenchRow> rows() {
        return rows;
    }

    private static String rate(Measurement m) {
        if (m == null || !m.hasRate()) {
            return "-";
        }
        double r = m.rate();
        if (r >= 100) {
            return String.format(Locale.ROOT, "%,.0f", r);
        }
        return String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
    }

    private static String micros(double us) {
        if (us >= 10_000) {
            return String.format(Locale.ROOT, "%.0fms", us / 1000);
        }
        if (us >= 1_000) {
            return String.format(Locale.ROOT, "%.2fms", us / 1000);
        }
        if (us >= 10) {
            return String.format(Locale.ROOT, "%.0fus", us);
        }
        return String.format(Locale.ROOT, "%.2fus", us);
    }

    private static String latency(Measurement m) {
        if (m == null || !m.hasLatency()) {
            return "-";
        }
        Percentiles p = m.latency();
        return micros(p.p50()) + " " + micros(p.p95()) + " " + micros(p.p99()) + " " + micros(p.p999());
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static final String[] HEADER = {"scenario", "case", "unit", "project", "baseline", "ratio",
        "project p50 p95 p99 p99.9", "baseline p50 p95 p99 p99.9", "p99 ratio"};

    private List<String[]> cells() {
        List<String[]> cells = new ArrayList<>();
        for (BenchRow row : rows) {
            cells.add(new String[] {row.scenario(), row.label(), row.unit(), rate(row.project()), rate(row.baseline()),
                ratio(row.rateRatio()), latency(row.project()), latency(row.baseline()), ratio(row.p99Ratio())});
        }
        return cells;
    }

    /** The plain-text table for the terminal, then each row's notes. */
    String table() {
        List<String[]> cells = cells();
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (String[] line : cells) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, HEADER, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (String[] line : cells) {
            appendLine(out, line, widths);
        }
        out.append('\n');
        for (BenchRow row : rows) {
            if (!row.notes().isEmpty()) {
                out.append(row.scenario()).append(" / ").append(row.label()).append(": ");
                out.append(String.join("; ", row.notes().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n');
            }
        }
        for (String note : notes) {
            out.append(note).append('\n');
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] line, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            boolean numeric = i >= 3 && i != 6 && i != 7;
            String cell = line[i];
            String pad = " ".repeat(widths[i] - cell.length());
            text.append(numeric ? pad + cell : cell + pad).append("  ");
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }

    /** The report as Markdown: command, machine, table, notes. */
    String markdown() {
        StringBuilder md = new StringBuilder("# trading-core bench\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("| machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        md.append("\nRates per second (ratio = project / baseline, higher is better); latencies p50 p95 p99 p99.9 "
                + "(p99 ratio = project / baseline, lower is better).\n\n| ");
        md.append(String.join(" | ", HEADER)).append(" |\n|");
        md.append("---|".repeat(HEADER.length)).append('\n');
        for (String[] line : cells()) {
            md.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
        md.append('\n');
        for (BenchRow row : rows) {
            if (!row.notes().isEmpty()) {
                md.append("- **").append(row.scenario()).append(" / ").append(row.label()).append("**: ");
                md.append(String.join("; ", row.notes().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n');
            }
        }
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        return md.toString();
    }

    /** The report as JSON (every figure, unrounded). */
    String json() {
        StringBuilder json = new StringBuilder("{\n  \"command\": ").append(quote(command)).append(",\n  \"machine\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : machine.entrySet()) {
            json.append(first ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ")
                    .append(quote(e.getValue()));
            first = false;
        }
        json.append("\n  },\n  \"rows\": [");
        for (int i = 0; i < rows.size(); i++) {
            BenchRow row = rows.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {\"scenario\": ").append(quote(row.scenario()))
                    .append(", \"case\": ").append(quote(row.label())).append(", \"unit\": ").append(quote(row.unit()))
                    .append(",\n     \"project\": ").append(measurement(row.project()))
                    .append(",\n     \"baseline\": ").append(measurement(row.baseline()))
                    .append(",\n     \"rate_ratio\": ").append(number(row.rateRatio()))
                    .append(", \"p99_ratio\": ").append(number(row.p99Ratio()))
                    .append(",\n     \"notes\": {");
            boolean firstNote = true;
            for (Map.Entry<String, String> e : row.notes().entrySet()) {
                json.append(firstNote ? "" : ", ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
                firstNote = false;
            }
            json.append("}}");
        }
        json.append("\n  ],\n  \"notes\": [");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(notes.get(i)));
        }
        return json.append("]\n}\n").toString();
    }

    private static String measurement(Measurement m) {
        if (m == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder("{\"rate\": ").append(number(m.rate()));
        if (m.hasLatency()) {
            Percentiles p = m.latency();
            json.append(", \"latency_us\": {\"count\": ").append(p.count()).append(", \"p50\": ").append(number(p.p50()))
                    .append(", \"p95\": ").append(number(p.p95())).append(", \"p99\": ").append(number(p.p99()))
                    .append(", \"p99_9\": ").append(number(p.p999())).append(", \"max\": ").append(number(p.max()))
                    .append(", \"mean\": ").append(number(p.mean())).append('}');
        }
        return json.append('}').toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null"
                : String.format(Locale.ROOT, "%.3f", value);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
