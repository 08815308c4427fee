package dev.ferry.emulator.control;

import java.util.Locale;

/** Endpoint families, as fault rules and stats name them. */
public enum EndpointClass {
  OAUTH,
  QUERY,
  SOBJECTS,
  COMPOSITE,
  BULK,
  OTHER,
  CONTROL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EndpointClass fromWire(String name) {
    for (EndpointClass c : values()) {
      if (c.wireName().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown endpoint class '"
            + name
            + "' (expected oauth, query, sobjects, composite, bulk, other or any)");
  }
}
