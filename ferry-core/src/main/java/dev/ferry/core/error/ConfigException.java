package dev.ferry.core.error;

import java.util.List;

/** Invalid configuration. Carries every problem found, so they can all be reported at once. */
public class ConfigException extends PermanentException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
