package dev.ferry.core.store;

import java.util.List;

/** Rows removed (or flagged) by a delete, and the sfids that were found. */
public record DeleteResult(long affected, List<String> affectedSfids) {
  public DeleteResult {
    affectedSfids = List.copyOf(affectedSfids);
  }
}
