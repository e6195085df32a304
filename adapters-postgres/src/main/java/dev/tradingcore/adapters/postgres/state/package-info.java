/** System state on PostgreSQL: one typed JSON document per key, read strictly. */
package dev.tradingcore.adapters.postgres.state;
