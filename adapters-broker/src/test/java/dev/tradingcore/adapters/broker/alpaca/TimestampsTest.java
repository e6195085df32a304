package dev.tradingcore.adapters.broker.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of the API's timestamps agrees with the general RFC 3339 parser, on every shape it takes. */
class TimestampsTest {

    @Property(tries = 2000)
    void agreesWithTheGeneralParser(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 9) int digits,
            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        String text = OffsetDateTime.ofInstant(instant, offset).toString();
        // toString drops trailing zero groups; cut the fraction to `digits` places for other shapes too.
        int dot = text.indexOf('.');
        if (dot > 0 && digits > 0) {
            int end = dot + 1;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            String fraction = text.substring(dot + 1, end);
            fraction = fraction.length() > digits ? fraction.substring(0, digits) : fraction;
            text = text.substring(0, dot + 1) + fraction + text.substring(end);
        }

        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-02-02T18:55:09.981482Z", "2022-02-02T18:55:09Z", "2022-02-02T13:55:09-05:00",
        "2024-02-29T00:00:00.000000001Z", "2021-03-16T18:38:01.942282+00:00"})
    void readsTheApisShapes(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2022-02-30T00:00:00Z", "2022-13-01T00:00:00Z", "2022-02-02T24:00:00Z",
        "2022-02-02T18:55:09.1234567890Z", "2022-02-02 18:55:09Z", "2022-02-02T18:55:09"})
    void refusesWhatIsNotATimestamp(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
