package dev.ferry.core.sf;

import java.time.Instant;
import java.util.List;

/** Result of getUpdated: ids changed in the window and the safe start for the next window. */
public record UpdatedIds(List<String> ids, Instant latestDateCovered) {
  public UpdatedIds {
    ids = List.copyOf(ids);
  }
}
