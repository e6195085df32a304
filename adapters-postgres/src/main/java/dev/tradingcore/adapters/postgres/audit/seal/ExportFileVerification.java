package dev.tradingcore.adapters.postgres.audit.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.Finding;
import dev.tradingcore.domain.audit.seal.IdRanges;
import dev.tradingcore.domain.audit.seal.MerkleTree;
import dev.tradingcore.domain.audit.seal.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code audit verify --file}: checks an export without the database, by the procedure a third party follows
 * (docs/operations.md): every block header hashes to its {@code block_hash}; each names the previous line's hash;
 * every row's leaf climbs its proof to its block's root; every block whose rows are exported has all of them, each
 * under the id its place in the block says; and, given a digest kept elsewhere, the digest's block is in the file
 * with that hash.
 */
public final class ExportFileVerification {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the file holds and what does not match. */
    public record Result(List<Finding> findings, long blocks, long rows, long rowsInRange, String newestDigest) {
        public boolean intact() {
            return findings.isEmpty();
        }
    }

    /** The file is not an export (unreadable, another format): nothing could be checked. */
    public static final class NotAnExport extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnExport(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Result verify(Path file, Optional<AuditDigest> digest) throws NotAnExport {
        List<Finding> findings = new ArrayList<>();
        Map<Long, Block> blocks = new HashMap<>();
        long rows = 0;
        long inRange = 0;
        long lineNumber = 0;
        Block previous = null;
        MessageDigest sha256 = Sha256.digest();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            lineNumber++;
            JsonNode header = line == null ? null : JSON.readTree(line);
            if (header == null || !AuditExport.FORMAT.equals(header.path("format").asText())) {
                throw new NotAnExport(file + " is not an audit export (" + AuditExport.FORMAT + ")", null);
            }
            while ((line = in.readLine()) != null) {
                lineNumber++;
                JsonNode node = JSON.readTree(line);
                String type = node.path("type").asText();
                if (type.equals("block")) {
                    String text = node.path("header").asText();
                    JsonNode h = JSON.readTree(text);
                    long number = h.path("block").asLong();
                    byte[] stated = Sha256.fromHex(node.path("block_hash").asText());
                    byte[] computed = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
                    Block block = new Block(number, stated, Sha256.fromHex(h.path("merkle_root").asText()),
                            IdRanges.parse(h.path("row_ids").asText()), h.path("row_count").asInt());
                    if (!Arrays.equals(stated, computed)) {
                        findings.add(blockFinding(number, "block " + number + " (line " + lineNumber + "): its header"
                                + " does not hash to its block_hash"));
                    }
                    if (previous != null) {
                        if (number != previous.number + 1) {
                            findings.add(blockFinding(number, "block " + number + " (line " + lineNumber + ") follows"
                                    + " block " + previous.number + ": blocks are missing"));
                        } else if (!h.path("previous_hash").asText().equals(Sha256.hex(previous.hash))) {
                            findings.add(blockFinding(number, "block " + number + " (line " + lineNumber + ") does"
                                    + " not follow block " + previous.number + ": its previous hash differs"));
                        }
                    }
                    if (digest.isPresent() && digest.get().blockNumber() == number
                            && !(Sha256.hex(stated).equals(digest.get().hash()) && Arrays.equals(stated, computed))) {
                        findings.add(blockFinding(number, "block " + number + " does not match the digest "
                                + digest.get()));
                    }
                    blocks.put(number, block);
                    previous = block;
                } else if (type.equals("row")) {
                    rows++;
                    inRange += node.path("in_range").asBoolean() ? 1 : 0;
                    long number = node.path("block").asLong();
                    int index = node.path("index").asInt();
                    String row = node.path("row").asText();
                    long id = JSON.readTree(row).path("id").asLong();
                    Block block = blocks.get(number);
                    if (block == null) {
                        findings.add(new Finding(number, id, id, "row " + id + " (line " + lineNumber + ") names"
                                + " block " + number + ", which the file does not hold"));
                        continue;
                    }
                    List<byte[]> proof = new ArrayList<>();
                    node.path("proof").forEach(p -> proof.add(Sha256.fromHex(p.asText())));
                    byte[] leaf = MerkleTree.leafHash(sha256, row.getBytes(StandardCharsets.UTF_8));
                    boolean proven = index >= 0 && index < block.rowCount && Arrays.equals(block.root,
                            MerkleTree.rootFromPath(leaf, index, block.rowCount, proof));
                    if (!proven) {
                        findings.add(new Finding(number, id, id, "row " + id + " (line " + lineNumber + ") is not"
                                + " proven in block " + number + ": its proof does not lead to the block's root"));
                    } else if (block.idAt(index) != id) {
                        findings.add(new Finding(number, id, id, "row " + id + " (line " + lineNumber + ") sits at"
                                + " place " + index + " of block " + number + ", which holds id " + block.idAt(index)));
                    } else if (block.seen.get(index)) {
                        findings.add(new Finding(number, id, id, "row " + id + " (line " + lineNumber + ") is in the"
                                + " file twice"));
                    }
                    block.seen.set(index);
                    block.exported = true;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new NotAnExport(file + " line " + lineNumber + " cannot be read as an audit export: "
                    + e.getMessage(), e);
        }
        for (Block b : blocks.values()) {
            if (b.exported && b.seen.cardinality() != b.rowCount) {
                int missing = b.seen.nextClearBit(0);
                findings.add(new Finding(b.number, b.idAt(missing), b.idAt(missing), "block " + b.number + ": "
                        + (b.rowCount - b.seen.cardinality()) + " of its " + b.rowCount + " rows are not in the file,"
                        + " first row " + b.idAt(missing)));
            }
        }
        if (digest.isPresent() && !blocks.containsKey(digest.get().blockNumber())) {
            findings.add(blockFinding(digest.get().blockNumber(), "block " + digest.get().blockNumber()
                    + " of the digest is not in the file"));
        }
        findings.sort(null);
        String newest = previous == null ? "none" : previous.number + ":" + Sha256.hex(previous.hash);
        return new Result(List.copyOf(findings), blocks.size(), rows, inRange, newest);
    }

    private static Finding blockFinding(long number, String message) {
        return new Finding(number, -1, Long.MIN_VALUE + number, message);
    }

    private static final class Block {
        final long number;
        final byte[] hash;
        final byte[] root;
        final long[] ids;
        final int rowCount;
        final BitSet seen = new BitSet();
        boolean exported;

        Block(long number, byte[] hash, byte[] root, IdRanges rowIds, int rowCount) {
            this.number = number;
            this.hash = hash;
            this.root = root;
            this.rowCount = rowCount;
            List<Long> all = new ArrayList<>();
            for (long[] r : rowIds.ranges()) {
                for (long id = r[0]; id < r[1] && all.size() <= rowCount; id++) {
                    all.add(id);
                }
            }
            this.ids = all.stream().mapToLong(Long::longValue).toArray();
        }

        long idAt(int index) {
            return index < ids.length ? ids[index] : -1;
        }
    }
}
