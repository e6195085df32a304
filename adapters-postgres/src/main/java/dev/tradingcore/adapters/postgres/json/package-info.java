/** JSON documents of the JSONB columns: one exact Jackson set-up, and the error for a malformed stored document. */
package dev.tradingcore.adapters.postgres.json;
