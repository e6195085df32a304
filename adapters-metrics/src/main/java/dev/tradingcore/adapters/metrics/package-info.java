/** The application's {@code Meters} port on Micrometer: what it measures, kept in a Micrometer registry. */
package dev.tradingcore.adapters.metrics;
