/** Orders on PostgreSQL: the whole lifecycle in one row per order, open ones found through a partial index. */
package dev.tradingcore.adapters.postgres.order;
