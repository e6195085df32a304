package dev.tradingcore.domain.audit.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash of the audit chain, and the lower-case hex its hashes are written in. */
public final class Sha256 {

    /** Length of a hash in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    /** A new digest; not thread-safe, so each thread of work takes its own. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** The bytes of a hash written in hex; anything but 64 hex digits is refused. */
    public static byte[] fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a SHA-256 hash is 64 hex digits, got '" + hex + "'");
        }
        return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    }
}
