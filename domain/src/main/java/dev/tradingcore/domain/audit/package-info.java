/** The audit trail: who did what to which order, position or setting, and when, kept for compliance. */
package dev.tradingcore.domain.audit;
