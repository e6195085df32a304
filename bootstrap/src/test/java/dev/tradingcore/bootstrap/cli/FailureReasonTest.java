package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.apache.ibatis.exceptions.ExceptionFactory;
import org.junit.jupiter.api.Test;

/**
 * The one line a failed command prints after "failed: " is a reason a person can act on: never empty, never MyBatis'
 * framing ("### Error updating database ... ### The error may exist in ... ### SQL: ..."), which goes to the log.
 */
class FailureReasonTest {

    @Test
    void a_failure_whose_exceptions_carry_no_message_still_gets_a_reason() {
        String reason = TradingCoreCommand.describe(new IllegalStateException("", new RuntimeException("")));

        assertThat(reason).isNotBlank().contains("IllegalStateException").contains("RuntimeException")
                .contains("stack trace is in the log");
    }

    @Test
    void a_mapper_failure_reads_as_the_database_s_own_message_without_the_mapper_dump() {
        SQLException full = new SQLException("ERROR: could not extend file \"base/16384/16390\": No space left on"
                + " device\n  Hint: Check free disk space.", "53100");
        RuntimeException mapper = ExceptionFactory.wrapException("Error updating database.  Cause: " + full, full);

        String reason = TradingCoreCommand.describe(new IllegalStateException(null, mapper));

        assertThat(reason).isEqualTo("ERROR: could not extend file \"base/16384/16390\": No space left on device")
                .doesNotContain("###");
    }
}
