package dev.tradingcore.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An audit event that can be made can be stored: what the table cannot hold is refused when the event is made. */
class AuditEventTest {

    private static final Instant T = Instant.parse("2026-11-23T15:00:00Z");

    private static AuditEvent withIds(Option<String> userId, Option<String> sessionId) {
        return new AuditEvent(T, "oms", "placed", AuditEvent.details("order_id", "o-1"), userId, sessionId,
                AuditSeverity.INFO);
    }

    @Test
    void user_and_session_ids_fit_their_50_character_columns() {
        assertThat(withIds(Option.some("u".repeat(50)), Option.some("s".repeat(50))).userId()).contains("u".repeat(50));
        assertThatThrownBy(() -> withIds(Option.some("u".repeat(51)), Option.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audit event placed: user and session ids are at most 50 characters");
        assertThatThrownBy(() -> withIds(Option.none(), Option.some("s".repeat(51))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_text_of_an_event_holds_a_nul_character() {
        String nul = "a\0b";
        assertThatThrownBy(() -> withIds(Option.some(nul), Option.none())).hasMessageContaining("NUL");
        assertThatThrownBy(() -> withIds(Option.none(), Option.some(nul))).hasMessageContaining("NUL");
        assertThatThrownBy(() -> AuditEvent.of(T, nul, "placed", AuditSeverity.INFO, AuditEvent.details("k", "v")))
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> AuditEvent.of(T, "oms", nul, AuditSeverity.INFO, AuditEvent.details("k", "v")))
                .hasMessage("audit event a?b: a NUL character cannot be stored");
        assertThatThrownBy(() -> AuditEvent.of(T, "oms", "placed", AuditSeverity.INFO, AuditEvent.details(nul, "x")))
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> AuditEvent.of(T, "oms", "placed", AuditSeverity.INFO, AuditEvent.details("x", nul)))
                .hasMessageContaining("NUL");
    }
}
