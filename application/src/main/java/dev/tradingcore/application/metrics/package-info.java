/** What the core measures (fills, orders, broker calls, the database guard, risk, audit) through the {@code Meters} port. */
package dev.tradingcore.application.metrics;
