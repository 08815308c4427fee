package dev.ferry.app.hc;

import dev.ferry.core.error.PermanentException;
import java.util.List;

/**
 * A JSON document (request body or config file) that is not JSON, or not the expected shape:
 * missing keys, wrong types, values out of range. Carries every problem found, each naming where
 * (e.g. {@code mappings[1] (Contact): config.access ...}). The API answers 400.
 */
public class InvalidDocumentException extends PermanentException {
  private final List<String> problems;

  public InvalidDocumentException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidDocumentException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
