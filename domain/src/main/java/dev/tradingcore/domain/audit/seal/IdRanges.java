package dev.tradingcore.domain.audit.seal;

import java.util.ArrayList;
import java.util.List;

/**
 * Exactly which audit row ids a block holds, as sorted, disjoint, non-adjacent half-open ranges
 * {@code [from, to)}: PostgreSQL's canonical {@code int8multirange}, written as it prints one,
 * {@code {[1,5),[7,9)}}. Mostly one range; a row that committed late leaves a gap in one block and sits in a later one.
 */
public record IdRanges(List<long[]> ranges) {

    public IdRanges {
        ranges = List.copyOf(ranges);
        long previousEnd = Long.MIN_VALUE;
        for (long[] r : ranges) {
            if (r.length != 2 || r[0] >= r[1] || (previousEnd != Long.MIN_VALUE && r[0] <= previousEnd)) {
                throw new IllegalArgumentException("id ranges must be sorted, disjoint and non-empty");
            }
            previousEnd = r[1];
        }
    }

    /** The ranges of sorted, distinct ids. */
    public static IdRanges of(long[] sortedIds) {
        List<long[]> out = new ArrayList<>();
        int i = 0;
        while (i < sortedIds.length) {
            long start = sortedIds[i];
            long end = start + 1;
            i++;
            while (i < sortedIds.length && sortedIds[i] == end) {
                end++;
                i++;
            }
            if (i < sortedIds.length && sortedIds[i] < end) {
                throw new IllegalArgumentException("ids must be sorted and distinct");
            }
            out.add(new long[] {start, end});
        }
        return new IdRanges(out);
    }

    /** Parses PostgreSQL's text of an int8multirange, e.g. {@code {[1,5),[7,9)}}. */
    public static IdRanges parse(String text) {
        String s = text.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not a multirange: " + text);
        }
        s = s.substring(1, s.length() - 1);
        List<long[]> out = new ArrayList<>();
        if (!s.isEmpty()) {
            for (String part : s.split("\\),")) {
                String r = part.endsWith(")") ? part : part + ")";
                if (!r.startsWith("[")) {
                    throw new IllegalArgumentException("not a canonical int8 range: " + r);
                }
                String[] bounds = r.substring(1, r.length() - 1).split(",");
                out.add(new long[] {Long.parseLong(bounds[0].strip()), Long.parseLong(bounds[1].strip())});
            }
        }
        return new IdRanges(out);
    }

    public long count() {
        long n = 0;
        for (long[] r : ranges) {
            n += r[1] - r[0];
        }
        return n;
    }

    public long first() {
        return ranges.get(0)[0];
    }

    public long last() {
        return ranges.get(ranges.size() - 1)[1] - 1;
    }

    public boolean contains(long id) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] r = ranges.get(mid);
            if (id < r[0]) {
                hi = mid - 1;
            } else if (id >= r[1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** As PostgreSQL prints it. */
    public String text() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('[').append(ranges.get(i)[0]).append(',').append(ranges.get(i)[1]).append(')');
        }
        return out.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdRanges other && text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
