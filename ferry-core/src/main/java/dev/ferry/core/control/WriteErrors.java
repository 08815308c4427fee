package dev.ferry.core.control;

import java.util.List;

/**
 * Failed writes of the last 24 hours, newest first: Heroku Connect's {@code {count, results}}.
 *
 * @param count every failed write of the period (may exceed {@code results.size()}, which is
 *     capped)
 */
public record WriteErrors(long count, List<WriteError> results) {
  public WriteErrors {
    results = List.copyOf(results);
  }
}
