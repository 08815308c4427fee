package dev.ferry.engine.cluster;

/** Every slot of a cluster-wide limit is held; the work is postponed, not failed. */
public final class SlotUnavailableException extends RuntimeException {
  private final String kind;

  public SlotUnavailableException(String kind, String what) {
    super("every " + kind + " slot is held; " + what + " waits", null, false, false);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
