package dev.tradingcore.adapters.postgres.state;

import java.time.Instant;

/** One row of {@code system_state}: a key, its JSON value as text, and when it was last written. */
public record SystemStateRow(String key, String value, Instant updatedAt) {}
