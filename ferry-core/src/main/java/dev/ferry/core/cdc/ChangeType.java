package dev.ferry.core.cdc;

/** A Change Data Capture event's {@code changeType}. */
public enum ChangeType {
  CREATE,
  UPDATE,
  DELETE,
  UNDELETE,
  GAP_CREATE,
  GAP_UPDATE,
  GAP_DELETE,
  GAP_UNDELETE,
  GAP_OVERFLOW,
  /** A symbol this client does not know (Salesforce reserves more, e.g. SNAPSHOT). */
  OTHER;

  /** The type named {@code symbol}, or {@link #OTHER}. */
  public static ChangeType of(String symbol) {
    for (ChangeType t : values()) if (t.name().equals(symbol)) return t;
    return OTHER;
  }

  public boolean isGap() {
    return name().startsWith("GAP_");
  }
}
