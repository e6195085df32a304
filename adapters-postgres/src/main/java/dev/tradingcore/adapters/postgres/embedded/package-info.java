/** A PostgreSQL server run from Maven Central binaries, for users and tests with no server installed. */
package dev.tradingcore.adapters.postgres.embedded;
