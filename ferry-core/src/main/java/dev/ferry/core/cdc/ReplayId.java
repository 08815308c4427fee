package dev.ferry.core.cdc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An event's position in its topic: opaque bytes (8 in practice), never computed with. Stored to
 * resume a subscription where it stopped.
 */
public final class ReplayId {
  private final byte[] bytes;

  private ReplayId(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static ReplayId of(byte[] bytes) {
    if (bytes.length == 0) throw new IllegalArgumentException("a replay id is never empty");
    return new ReplayId(bytes);
  }

  /** Parses {@link #hex()}. */
  public static ReplayId ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lowercase hex, for storage, the API and logs. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplayId r && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
