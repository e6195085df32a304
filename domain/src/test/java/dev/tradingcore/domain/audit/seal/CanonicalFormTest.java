package dev.tradingcore.domain.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canonical form and the tree are what an auditor's own tool recomputes: pinned here against values computed
 * outside this code (Python's {@code json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False)} and
 * {@code hashlib}, RFC 6962's tree written out in six lines), so that a change of form cannot pass unnoticed.
 */
class CanonicalFormTest {

    @Test
    void a_row_has_one_canonical_text_and_leaf() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("qty", new BigDecimal("5"));
        details.put("order_id", "O-1");
        details.put("note", "é \"q\" \\ 12.50");
        CanonicalRow row = new CanonicalRow(7, Instant.parse("2026-11-23T15:00:00.025Z"), "oms", "order_submitted",
                details, "trader", null, "info");

        assertThat(row.text()).isEqualTo("{\"action\":\"order_submitted\",\"component\":\"oms\",\"details\":{\"note\":"
                + "\"é \\\"q\\\" \\\\ 12.50\",\"order_id\":\"O-1\",\"qty\":5},\"id\":7,\"session_id\":null,\"severity\":"
                + "\"info\",\"timestamp\":\"2026-11-23T15:00:00.025000Z\",\"user_id\":\"trader\"}");
        assertThat(Sha256.hex(row.leafHash(Sha256.digest())))
                .isEqualTo("fa32d86663313a9bbf7a66d21f9e7ce07e9d39cd9bb2d54ce0b6130fbf0d55bf");
    }

    @Test
    void numbers_keep_their_digits_and_control_characters_are_escaped_as_code_points() {
        assertThat(CanonicalJson.write(List.of(new BigDecimal("12.50"), new BigDecimal("-0.000100"),
                new BigDecimal("1E+3"), "a\nb\u0001"))).isEqualTo("[12.50,-0.000100,1000,\"a\\u000ab\\u0001\"]");
    }

    @Test
    void times_before_1970_and_at_whole_seconds_have_six_decimals() {
        assertThat(CanonicalRow.timestamp(Instant.parse("1969-12-31T23:59:59.999999Z")))
                .isEqualTo("1969-12-31T23:59:59.999999Z");
        assertThat(CanonicalRow.timestamp(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000000Z");
    }

    @Test
    void the_merkle_root_is_rfc_6962s() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(MerkleTree.leafHash(Sha256.digest(), new byte[] {(byte) i}));
        }
        assertThat(Sha256.hex(MerkleTree.root(leaves)))
                .isEqualTo("b855b42d6c30f5b087e05266783fbd6e394f7b926013ccaa67700a8b0c5a596f");
    }

    @Test
    void every_leaf_of_trees_of_1_to_33_leaves_climbs_its_proof_to_the_root_and_no_other_leaf_does() {
        for (int size = 1; size <= 33; size++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                leaves.add(MerkleTree.leafHash(Sha256.digest(), ("row " + i).getBytes()));
            }
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < size; i++) {
                List<byte[]> path = MerkleTree.auditPath(leaves, i);
                assertThat(MerkleTree.rootFromPath(leaves.get(i), i, size, path)).as("leaf %d of %d", i, size)
                        .isEqualTo(root);
                if (size > 1) {
                    int other = (i + 1) % size;
                    assertThat(MerkleTree.rootFromPath(leaves.get(other), i, size, path))
                            .as("leaf %d in place of %d", other, i).isNotEqualTo(root);
                }
            }
        }
    }

    @Test
    void id_ranges_read_and_print_as_postgresql_does() {
        IdRanges ranges = IdRanges.of(new long[] {1, 2, 3, 5, 9, 10});
        assertThat(ranges.text()).isEqualTo("{[1,4),[5,6),[9,11)}");
        assertThat(IdRanges.parse("{[1,4),[5,6),[9,11)}")).isEqualTo(ranges);
        assertThat(ranges.count()).isEqualTo(6);
        assertThat(ranges.contains(4)).isFalse();
        assertThat(ranges.contains(10)).isTrue();
    }
}
