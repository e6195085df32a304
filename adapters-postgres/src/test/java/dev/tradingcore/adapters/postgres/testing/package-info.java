/** A real, freshly migrated PostgreSQL database for every test class, on any machine. */
package dev.tradingcore.adapters.postgres.testing;
