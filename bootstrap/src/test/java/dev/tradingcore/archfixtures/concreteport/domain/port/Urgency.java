package dev.tradingcore.archfixtures.concreteport.domain.port;

/** Spared: an enum, with a constant-specific body. */
public enum Urgency {
    LOW,
    HIGH {
        @Override
        public boolean pages() {
            return true;
        }
    };

    public boolean pages() {
        return false;
    }
}
