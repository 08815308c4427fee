package dev.ferry.app.config;

import dev.ferry.core.config.Setting;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The raw inputs of one configuration, in order of precedence: flags (keyed by {@link
 * Setting#key()}), the environment (keyed by {@link Setting#env()}), a properties file (keyed by
 * {@link Setting#key()}). Defaults come last, from the declarations.
 *
 * @param fileName shown in problems about the file's keys, or null when there is no file
 */
public record ConfigSources(
    Map<String, String> flags,
    Map<String, String> environment,
    Map<String, String> file,
    @Nullable String fileName) {

  public ConfigSources {
    flags = Map.copyOf(flags);
    environment = Map.copyOf(environment);
    file = Map.copyOf(file);
  }

  public static ConfigSources of(Map<String, String> flags, Map<String, String> environment) {
    return new ConfigSources(flags, environment, Map.of(), null);
  }

  /** The raw text of a setting from the highest-precedence source that has it (blank = unset). */
  public @Nullable String raw(Setting<?> setting) {
    String v = flags.get(setting.key());
    if (v == null) v = environment.get(setting.env());
    if (v == null) v = file.get(setting.key());
    return v == null || v.isBlank() ? null : v;
  }

  public boolean isSet(Setting<?> setting) {
    return raw(setting) != null;
  }
}
