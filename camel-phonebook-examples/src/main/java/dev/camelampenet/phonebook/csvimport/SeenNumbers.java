package dev.camelampenet.phonebook.csvimport;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers met so far in a file, per target group, each with the first row that had it: how a repeated number
 * becomes "duplicate of row N". A phone number fits in a long (E.164 has at most 15 digits), and with its row in one
 * long for most numbers a million of them take about 11 MB in open-addressing tables instead of the ~100 MB of boxed
 * entries.
 */
final class SeenNumbers {

    /**
     * The most rows a size hint is taken for (a table for them is 48 MB), and never a table of more than a sixteenth
     * of the heap: the hint is the file's line count, and a hostile file of blank lines is cheap to make. Past it the
     * table grows as numbers come.
     */
    static final long MAX_EXPECTED = 4L << 20;

    private final Map<String, LongIntTable> byGroup = new HashMap<>();
    private long expectedRows;

    /**
     * The file holds about {@code rows} rows: the table of the group it fills is made (or, restored from a ledger,
     * grown) for them now, in one piece, instead of growing through every size on the way, each growth holding the
     * old table and the new one at once (at a million rows that was 24 MB of the heap at the peak instead of 11). A
     * file usually fills one group: the first table made, or the largest restored one; further groups start small.
     */
    synchronized void expect(long rows) {
        expectedRows = Math.min(Math.max(rows, 0), maxExpected());
        byGroup.values().stream().max(Comparator.comparingInt(LongIntTable::size))
                .ifPresent(t -> t.ensureCapacity(expectedRows));
    }

    /**
     * Claims {@code number} for {@code row} unless an earlier claim exists.
     *
     * @return the row that holds the number: {@code row} itself when it is new (or was this row's already)
     */
    synchronized long claim(String group, String number, long row) {
        int existing = table(group).putIfAbsent(Long.parseLong(number), (int) row);
        return existing == LongIntTable.ABSENT ? row : Math.min(existing, row);
    }

    /** Restores a claim from the ledger, keeping the lowest row. */
    synchronized void restore(String group, String number, long row) {
        LongIntTable table = table(group);
        long key = Long.parseLong(number);
        int existing = table.putIfAbsent(key, (int) row);
        if (existing != LongIntTable.ABSENT && row < existing) {
            table.put(key, (int) row);
        }
    }

    synchronized int size() {
        int size = 0;
        for (LongIntTable t : byGroup.values()) {
            size += t.size();
        }
        return size;
    }

    /** The slots of every table: what the numbers hold of the heap, 8 bytes each. */
    synchronized long slots() {
        long slots = 0;
        for (LongIntTable t : byGroup.values()) {
            slots += t.capacity();
        }
        return slots;
    }

    /** {@link #MAX_EXPECTED}, or fewer rows in a small heap. */
    static long maxExpected() {
        long sixteenth = Runtime.getRuntime().maxMemory() / 16 / Long.BYTES;
        return Math.min(MAX_EXPECTED, (long) (sixteenth * LongIntTable.MAX_LOAD));
    }

    private LongIntTable table(String group) {
        return byGroup.computeIfAbsent(group.toLowerCase(Locale.ROOT),
                g -> new LongIntTable(byGroup.isEmpty() ? expectedRows : 0));
    }

    /**
     * Linear-probing table from a phone number to the first row that had it. Numbers of up to 12 digits (below
     * 2^40: every East African number, and most others) and rows below 2^24 are packed into one long per slot, 0 marking
     * a free one: 8 bytes a slot instead of 12. Any number of slots (not only powers of two, which would double the
     * table at a million numbers to 2^21 slots): a key's first slot is its hash scaled to the table, the table is
     * at most 70% full (a new number then probes about six slots, one or two cache lines) and grows by half.
     * Longer numbers and later rows go to a plain map.
     */
    static final class LongIntTable {
        static final int ABSENT = -1;
        private static final int ROW_BITS = 24;
        private static final long MAX_PACKED_KEY = (1L << 40) - 1;
        private static final int MAX_PACKED_ROW = (1 << ROW_BITS) - 1;

        private static final int MIN_SLOTS = 1024;
        static final double MAX_LOAD = 0.7;

        private long[] slots;
        private int packed;
        private final Map<Long, Integer> wide = new HashMap<>();

        LongIntTable() {
            this(0);
        }

        /** A table for {@code expected} numbers without growing. */
        LongIntTable(long expected) {
            slots = new long[slotsFor(expected)];
        }

        /** Grows the table now to hold {@code expected} numbers without growing again. */
        void ensureCapacity(long expected) {
            int wanted = slotsFor(expected);
            if (wanted > slots.length) {
                rehash(wanted);
            }
        }

        int capacity() {
            return slots.length;
        }

        private static int slotsFor(long expected) {
            return (int) Math.max(MIN_SLOTS, Math.min(Integer.MAX_VALUE - 8, (long) Math.ceil(expected / MAX_LOAD) + 1));
        }

        int putIfAbsent(long key, int value) {
            if (key <= 0) {
                throw new IllegalArgumentException("not a phone number: " + key);
            }
            if (key <= MAX_PACKED_KEY) {
                int slot = slot(slots, key);
                if (slots[slot] != 0) {
                    return row(slots[slot]);
                }
                Integer existing = wide.isEmpty() ? null : wide.get(key);
                if (existing != null) {
                    return existing;
                }
                if (value <= MAX_PACKED_ROW) {
                    slots[slot] = key << ROW_BITS | value;
                    if (++packed > slots.length * MAX_LOAD) {
                        rehash(slots.length + slots.length / 2);
                    }
                    return ABSENT;
                }
            }
            Integer existing = wide.putIfAbsent(key, value);
            return existing == null ? ABSENT : existing;
        }

        /** Sets the row of a number already held, or holds it. */
        void put(long key, int value) {
            if (key > 0 && key <= MAX_PACKED_KEY) {
                int slot = slot(slots, key);
                if (slots[slot] != 0) {
                    if (value <= MAX_PACKED_ROW) {
                        slots[slot] = key << ROW_BITS | value;
                        return;
                    }
                    remove(key); // its new row does not fit a slot: the map holds it from now on
                    wide.put(key, value);
                    return;
                }
            }
            if (wide.containsKey(key)) {
                wide.put(key, value);
            } else {
                putIfAbsent(key, value);
            }
        }

        int size() {
            return packed + wide.size();
        }

        private static int row(long slot) {
            return (int) (slot & MAX_PACKED_ROW);
        }

        /** The slot holding {@code key}, or the free slot where it would go. */
        private static int slot(long[] slots, long key) {
            int i = home(slots, key);
            while (slots[i] != 0 && slots[i] >>> ROW_BITS != key) {
                i = next(slots, i);
            }
            return i;
        }

        /** The hash's upper 32 bits scaled to the table's size (a multiply instead of a power-of-two mask). */
        private static int home(long[] slots, long key) {
            return (int) (((mix(key) >>> 32) * slots.length) >>> 32);
        }

        private static int next(long[] slots, int i) {
            return i + 1 == slots.length ? 0 : i + 1;
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }

        /** Takes a packed key out (rare: a restored row too large to pack), re-placing the run after it. */
        private void remove(long key) {
            int i = slot(slots, key);
            if (slots[i] == 0) {
                return;
            }
            slots[i] = 0;
            packed--;
            for (int j = next(slots, i); slots[j] != 0; j = next(slots, j)) {
                long moved = slots[j];
                slots[j] = 0;
                slots[slot(slots, moved >>> ROW_BITS)] = moved;
            }
        }

        private void rehash(int size) {
            long[] old = slots;
            slots = new long[size];
            for (long entry : old) {
                if (entry != 0) {
                    slots[slot(slots, entry >>> ROW_BITS)] = entry;
                }
            }
        }
    }
}
