/**
 * The sealed audit chain on PostgreSQL: the sealer that appends blocks, the verification that recomputes rows,
 * roots and chain, and the export a third party verifies without the database.
 */
package dev.tradingcore.adapters.postgres.audit.seal;
