package dev.tradingcore.bootstrap.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Durations as operators write them on the command line: 90s, 5m, 1h, or ISO-8601 (PT90S). */
final class RunDurations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private RunDurations() {}

    static Duration parse(String text, CommandSpec spec) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration parsed;
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "'" + text + "' is not a duration: write e.g. 60s,"
                        + " 5m, 1h or PT90S");
            }
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new ParameterException(spec.commandLine(), "the duration must be positive, got '" + text + "'");
        }
        return parsed;
    }
}
