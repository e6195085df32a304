/**
 * The {@code bench} command's instrument: each hot path of the core measured against the same SQL through plain
 * JDBC, interleaved in one run, so that the ratio holds on a noisy machine where absolute times do not.
 */
package dev.tradingcore.bootstrap.bench;
