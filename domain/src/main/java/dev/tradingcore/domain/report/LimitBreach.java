package dev.tradingcore.domain.report;

import java.time.Instant;

/** A risk event of the day from the audit trail (a limit breached, trading switched off), in a person's words. */
public record LimitBreach(Instant at, String action, String severity, String description) {
}
