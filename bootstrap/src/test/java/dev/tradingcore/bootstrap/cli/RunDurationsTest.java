package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Durations as operators type them (--duration, --timeout): the short forms, ISO-8601, and what is refused. */
class RunDurationsTest {

    private static final CommandSpec SPEC = new CommandLine(CommandSpec.create().name("run")).getCommandSpec();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "250ms, PT0.25S",
        "90s, PT1M30S",
        "5m, PT5M",
        "1h, PT1H",
        "' 2H ', PT2H",
        "PT90S, PT1M30S",
        "pt1h30m, PT1H30M",
        "P1D, PT24H"
    })
    void short_and_iso_forms_are_read(String typed, String expected) {
        assertThat(RunDurations.parse(typed, SPEC)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "60", "5 m", "1.5h", "10d", "-5m", "m", "forever", "PT"})
    void anything_else_is_a_usage_error_that_shows_the_forms(String typed) {
        assertThatThrownBy(() -> RunDurations.parse(typed, SPEC))
                .isInstanceOf(ParameterException.class)
                .hasMessage("'" + typed + "' is not a duration: write e.g. 60s, 5m, 1h or PT90S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "PT0S", "PT-5M"})
    void zero_and_negative_durations_are_refused(String typed) {
        assertThatThrownBy(() -> RunDurations.parse(typed, SPEC))
                .isInstanceOf(ParameterException.class)
                .hasMessage("the duration must be positive, got '" + typed + "'");
    }
}
