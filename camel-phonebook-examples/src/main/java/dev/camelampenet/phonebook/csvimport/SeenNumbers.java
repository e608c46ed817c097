package dev.camelampenet.phonebook.csvimport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers met so far in a file, per target group, each with the first row that had it: how a repeated number
 * becomes "duplicate of row N". A phone number fits in a long (E.164 has at most 15 digits), and with its row in one
 * long for most numbers a million of them take about 16 MB in open-addressing tables instead of the ~100 MB of boxed
 * entries.
 */
final class SeenNumbers {

    private final Map<String, LongIntTable> byGroup = new HashMap<>();

    /**
     * Claims {@code number} for {@code row} unless an earlier claim exists.
     *
     * @return the row that holds the number: {@code row} itself when it is new (or was this row's already)
     */
    synchronized long claim(String group, String number, long row) {
        LongIntTable table = byGroup.computeIfAbsent(group.toLowerCase(Locale.ROOT), g -> new LongIntTable());
        int existing = table.putIfAbsent(Long.parseLong(number), (int) row);
        return existing == LongIntTable.ABSENT ? row : Math.min(existing, row);
    }

    /** Restores a claim from the ledger, keeping the lowest row. */
    synchronized void restore(String group, String number, long row) {
        LongIntTable table = byGroup.computeIfAbsent(group.toLowerCase(Locale.ROOT), g -> new LongIntTable());
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

    /**
     * Linear-probing table from a phone number to the first row that had it. Numbers of up to 12 digits (below
     * 2^40: every East African number, and most others) and rows below 2^24 are packed into one long per slot, 0 marking
     * a free one: 8 bytes a slot instead of 12, which at a million numbers (2^21 slots) is 16 MB instead of 24, and what
     * the import keeps live decides how big the heap grows. Longer numbers and later rows go to a plain map.
     */
    static final class LongIntTable {
        static final int ABSENT = -1;
        private static final int ROW_BITS = 24;
        private static final long MAX_PACKED_KEY = (1L << 40) - 1;
        private static final int MAX_PACKED_ROW = (1 << ROW_BITS) - 1;

        private long[] slots = new long[1024];
        private int packed;
        private final Map<Long, Integer> wide = new HashMap<>();

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
                    if (++packed * 2 > slots.length) {
                        grow();
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
            int mask = slots.length - 1;
            int i = (int) (mix(key) & mask);
            while (slots[i] != 0 && slots[i] >>> ROW_BITS != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }

        /** Takes a packed key out (rare: a restored row too large to pack), re-placing the run after it. */
        private void remove(long key) {
            int mask = slots.length - 1;
            int i = slot(slots, key);
            if (slots[i] == 0) {
                return;
            }
            slots[i] = 0;
            packed--;
            for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
                long moved = slots[j];
                slots[j] = 0;
                slots[slot(slots, moved >>> ROW_BITS)] = moved;
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long entry : old) {
                if (entry != 0) {
                    slots[slot(slots, entry >>> ROW_BITS)] = entry;
                }
            }
        }
    }
}
