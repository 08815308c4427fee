package dev.ferry.core.cdc;

import java.util.Objects;

/** Where a subscription starts. */
public sealed interface ReplayFrom {

  /** Only events published from now on. */
  record Latest() implements ReplayFrom {}

  /** Every retained event. */
  record Earliest() implements ReplayFrom {}

  /** The events after {@code id}. */
  record After(ReplayId id) implements ReplayFrom {
    public After {
      Objects.requireNonNull(id, "id");
    }
  }

  static ReplayFrom latest() {
    return new Latest();
  }

  static ReplayFrom after(ReplayId id) {
    return new After(id);
  }
}
