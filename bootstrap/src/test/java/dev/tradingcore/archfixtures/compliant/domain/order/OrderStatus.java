package dev.tradingcore.archfixtures.compliant.domain.order;

/** Compliant: an enum with constant-specific bodies (compiled into anonymous subclasses). */
public enum OrderStatus {
    NEW {
        @Override
        public boolean isTerminal() {
            return false;
        }
    },
    CANCELLED {
        @Override
        public boolean isTerminal() {
            return true;
        }
    };

    public abstract boolean isTerminal();
}
