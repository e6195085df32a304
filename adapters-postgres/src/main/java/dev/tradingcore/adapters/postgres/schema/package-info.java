/** The schema's life: Flyway migrations and partition maintenance. */
package dev.tradingcore.adapters.postgres.schema;
