package dev.ferry.core.config;

import dev.ferry.core.error.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolved, immutable configuration. Sources are consulted in order of precedence — explicit values
 * (command-line flags) over the environment over a properties file — and every problem is collected
 * so they are all reported at once.
 */
public final class Settings {
  private final Map<Setting<?>, @Nullable Object> values;

  private Settings(Map<Setting<?>, @Nullable Object> values) {
    this.values = values;
  }

  /**
   * @param explicit values keyed by {@link Setting#key()} (flags), highest precedence
   * @param environment environment variables keyed by {@link Setting#env()}
   * @param file properties keyed by {@link Setting#key()}, lowest precedence
   */
  public static Settings resolve(
      List<Setting<?>> declared,
      Map<String, String> explicit,
      Map<String, String> environment,
      Map<String, String> file) {
    Map<Setting<?>, @Nullable Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Setting<?> s : declared) {
      String raw = explicit.get(s.key());
      String source = "--" + s.key();
      if (raw == null) {
        raw = environment.get(s.env());
        source = s.env();
      }
      if (raw == null) {
        raw = file.get(s.key());
        source = s.key() + " (file)";
      }
      if (raw == null || raw.isBlank()) {
        if (s.required() && s.defaultValue() == null)
          problems.add(s.env() + " is required: " + s.doc());
        values.put(s, s.defaultValue());
        continue;
      }
      resolveOne(s, raw, source, values, problems);
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return new Settings(values);
  }

  private static <T> void resolveOne(
      Setting<T> s,
      String raw,
      String source,
      Map<Setting<?>, @Nullable Object> values,
      List<String> problems) {
    T parsed;
    try {
      parsed = s.parser().apply(raw);
    } catch (RuntimeException e) {
      String shown = s.secret() ? "<masked>" : "'" + raw + "'";
      problems.add(source + " must be " + s.type() + ", got " + shown);
      return;
    }
    String problem = s.validator().problem(parsed);
    if (problem != null) {
      problems.add(source + " " + problem);
      return;
    }
    values.put(s, parsed);
  }

  /** Defaults only (tests, embedded use). */
  public static Settings defaults(List<Setting<?>> declared) {
    return resolve(declared, Map.of(), Map.of(), Map.of());
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    if (!values.containsKey(setting)) {
      throw new IllegalArgumentException("setting " + setting.key() + " was not declared");
    }
    return (T) values.get(setting);
  }

  /** True when {@code setting} was declared (its value may still be null). */
  public boolean has(Setting<?> setting) {
    return values.containsKey(setting);
  }

  /** A copy with some values replaced (tests and composed configurations). */
  public <T> Settings with(Setting<T> setting, T value) {
    Map<Setting<?>, @Nullable Object> copy = new HashMap<>(values);
    copy.put(setting, value);
    return new Settings(new LinkedHashMap<>(copy));
  }

  /**
   * One line per setting, secrets masked; for logging the effective configuration once at start.
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    values.forEach((s, v) -> {
      String shown = v == null ? "(unset)" : s.secret() ? "<masked>" : s.render(v);
      b.append(s.env()).append('=').append(shown).append('\n');
    });
    return b.toString();
  }
}
