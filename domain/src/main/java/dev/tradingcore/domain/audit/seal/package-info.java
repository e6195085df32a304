/**
 * The tamper-evident form of the audit trail: the canonical bytes of a row, Merkle trees over them, sealed blocks
 * chained by hash, and the checks that recompute them. Pure: SHA-256 from the JDK, nothing else.
 */
package dev.tradingcore.domain.audit.seal;
