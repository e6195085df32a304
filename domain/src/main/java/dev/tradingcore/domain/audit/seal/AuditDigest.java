package dev.tradingcore.domain.audit.seal;

/**
 * What is kept outside the database to prove later that the audit log still holds, unchanged, everything up to a
 * block: the block's number and hash, written {@code 1234:9f86d0...} (number, colon, 64 hex digits).
 */
public record AuditDigest(long blockNumber, String hash) {

    public AuditDigest {
        if (blockNumber < 1) {
            throw new IllegalArgumentException("a digest names a block from 1 on, got " + blockNumber);
        }
        hash = Sha256.hex(Sha256.fromHex(hash));
    }

    /** Parses {@code NUMBER:HASH}; anything else is refused with the reason. */
    public static AuditDigest parse(String text) {
        String s = text == null ? "" : text.strip();
        int colon = s.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a digest is BLOCK:HASH, e.g. 1234:9f86d081..., got '" + text + "'");
        }
        long number;
        try {
            number = Long.parseLong(s.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a digest is BLOCK:HASH, the block a number, got '" + text + "'", e);
        }
        return new AuditDigest(number, s.substring(colon + 1));
    }

    @Override
    public String toString() {
        return blockNumber + ":" + hash;
    }
}
