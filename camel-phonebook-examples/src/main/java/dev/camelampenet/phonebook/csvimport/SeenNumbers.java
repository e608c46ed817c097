package dev.camelampenet.phonebook.csvimport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers met so far in a file, per target group, each with the first row that had it: how a repeated number
 * becomes "duplicate of row N". A phone number fits in a long (E.164 has at most 15 digits), so a million numbers
 * take about 24 MB in open-addressing tables instead of the ~100 MB of boxed entries.
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

    /** Linear-probing long to int table; keys are positive (phone numbers), 0 marks a free slot. */
    static final class LongIntTable {
        static final int ABSENT = -1;
        private long[] keys = new long[1024];
        private int[] values = new int[1024];
        private int size;

        int putIfAbsent(long key, int value) {
            int slot = slot(keys, key);
            if (keys[slot] == key) {
                return values[slot];
            }
            keys[slot] = key;
            values[slot] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
            return ABSENT;
        }

        void put(long key, int value) {
            int slot = slot(keys, key);
            if (keys[slot] != key) {
                putIfAbsent(key, value);
            } else {
                values[slot] = value;
            }
        }

        int size() {
            return size;
        }

        private static int slot(long[] keys, long key) {
            if (key <= 0) {
                throw new IllegalArgumentException("not a phone number: " + key);
            }
            int mask = keys.length - 1;
            int i = (int) (mix(key) & mask);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = slot(keys, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }
}
