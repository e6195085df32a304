/** How to reach a PostgreSQL server: URLs, credentials, pools. */
package dev.tradingcore.adapters.postgres.connection;
