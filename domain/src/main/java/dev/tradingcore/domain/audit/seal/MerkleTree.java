package dev.tradingcore.domain.audit.seal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of Certificate Transparency (RFC 6962, section 2.1), so that a third party can check a root or an
 * inclusion proof with a published algorithm: a leaf's hash is {@code SHA-256(0x00 || bytes)}, an inner node's
 * {@code SHA-256(0x01 || left || right)}; a tree of n > 1 leaves splits at the largest power of two below n. The
 * distinct prefixes keep a leaf from passing for an inner node.
 */
public final class MerkleTree {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private MerkleTree() {}

    /** The hash of one leaf's bytes. */
    public static byte[] leafHash(MessageDigest sha256, byte[] bytes) {
        sha256.reset();
        sha256.update(LEAF);
        sha256.update(bytes);
        return sha256.digest();
    }

    static byte[] nodeHash(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.reset();
        sha256.update(NODE);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root over the leaves' hashes, in order; at least one leaf. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        return root(Sha256.digest(), leafHashes, 0, leafHashes.size());
    }

    private static byte[] root(MessageDigest sha256, List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = splitPoint(n);
        byte[] left = root(sha256, leaves, from, from + k);
        byte[] right = root(sha256, leaves, from + k, to);
        return nodeHash(sha256, left, right);
    }

    /** The largest power of two smaller than n (n >= 2). */
    private static int splitPoint(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /**
     * The inclusion proof (audit path) of leaf {@code index}: the sibling hashes from the leaf up to the root, as RFC
     * 6962 section 2.1.1 lists them.
     */
    public static List<byte[]> auditPath(List<byte[]> leafHashes, int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + index + " of " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(Sha256.digest(), leafHashes, index, 0, leafHashes.size(), path);
        return path;
    }

    private static void path(MessageDigest sha256, List<byte[]> leaves, int index, int from, int to,
            List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = splitPoint(n);
        if (index - from < k) {
            path(sha256, leaves, index, from, from + k, out);
            out.add(root(sha256, leaves, from + k, to));
        } else {
            path(sha256, leaves, index, from + k, to, out);
            out.add(root(sha256, leaves, from, from + k));
        }
    }

    /**
     * The root an inclusion proof leads to: leaf {@code index} of a tree of {@code size} leaves, climbed with its
     * audit path (RFC 9162 section 2.1.3.2). Equal to the block's root when, and only when, the leaf is in it there.
     */
    public static byte[] rootFromPath(byte[] leafHash, long index, long size, List<byte[]> path) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " of " + size);
        }
        MessageDigest sha256 = Sha256.digest();
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return new byte[0]; // a path longer than the tree is deep: it proves nothing
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(sha256, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(sha256, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : new byte[0];
    }
}
