package dev.ferry.emulator.cdc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A changed-field bitmap as Salesforce encodes it in {@code changedFields} / {@code nulledFields}:
 * first {@code "0x<hex>"} for top-level fields (bit i = Avro field i, the header is field 0), then
 * {@code "<parent>-0x<hex>"} per compound field for its children. Hex is uppercase with an even
 * digit count (the known decoders read two digits at a time and only A–F).
 */
final class FieldBitmap {
  private BigInteger top = BigInteger.ZERO;
  private final Map<Integer, BigInteger> children = new TreeMap<>();

  void set(int field) {
    top = top.setBit(field);
  }

  void setChild(int parent, int child) {
    children.merge(parent, BigInteger.ZERO.setBit(child), BigInteger::or);
  }

  boolean isEmpty() {
    return top.signum() == 0 && children.isEmpty();
  }

  /** The wire list; the top-level element always comes first when there is anything. */
  List<String> encode() {
    List<String> out = new ArrayList<>();
    if (isEmpty()) {
      return out;
    }
    out.add("0x" + hex(top));
    for (Map.Entry<Integer, BigInteger> e : children.entrySet()) {
      out.add(e.getKey() + "-0x" + hex(e.getValue()));
    }
    return out;
  }

  static String hex(BigInteger bits) {
    String h = bits.toString(16).toUpperCase(Locale.ROOT);
    return h.length() % 2 == 0 ? h : "0" + h;
  }
}
