package dev.ferry.store.sink;

/**
 * Remembers 64-bit hashes of the sfids staged in a batch to learn, cheaply, whether the batch holds
 * the same record twice (then the merge deduplicates; a false alarm only costs that step).
 */
final class SfidHashes {
  private long[] slots = new long[1 << 12];
  private int size;
  private boolean duplicates;

  /** Adds the sfid; false when it (or a colliding hash) was seen before in this batch. */
  boolean add(String sfid) {
    long h = hash(sfid);
    if (h == 0) h = 1; // 0 marks an empty slot
    if (size * 2 >= slots.length) grow();
    if (insert(slots, h)) {
      size++;
      return true;
    }
    duplicates = true;
    return false;
  }

  boolean sawDuplicates() {
    return duplicates;
  }

  private static boolean insert(long[] table, long h) {
    int mask = table.length - 1;
    for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (table[i] == 0) {
        table[i] = h;
        return true;
      }
      if (table[i] == h) return false;
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long h : slots) if (h != 0) insert(bigger, h);
    slots = bigger;
  }

  /** FNV-1a, 64 bit. Salesforce ids are case-sensitive, so no folding. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
