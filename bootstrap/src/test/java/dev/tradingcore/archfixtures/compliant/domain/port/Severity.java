package dev.tradingcore.archfixtures.compliant.domain.port;

/** Compliant: an enum in a port package, with a constant-specific body. */
public enum Severity {
    INFO,
    CRITICAL {
        @Override
        public boolean pages() {
            return true;
        }
    };

    public boolean pages() {
        return false;
    }
}
