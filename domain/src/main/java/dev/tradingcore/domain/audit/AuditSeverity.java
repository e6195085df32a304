package dev.tradingcore.domain.audit;

/** How much attention an audit line deserves; stored lower case in {@code audit_log.severity}. */
public enum AuditSeverity {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
