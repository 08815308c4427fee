package dev.ferry.app.config;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.error.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Resolves the declared settings from their sources (flags &gt; environment &gt; properties file
 * &gt; default) and the cross-setting checks, reporting every problem of every kind in one {@link
 * ConfigException}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static Settings load(
      List<Setting<?>> declared, ConfigSources sources, List<ConfigCheck> checks) {
    List<String> problems = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    declared.forEach(s -> keys.add(s.key()));
    sources.flags().keySet().stream()
        .filter(k -> !keys.contains(k))
        .sorted()
        .forEach(k -> problems.add("--set " + k + ": unknown setting"));
    sources.file().keySet().stream()
        .filter(k -> !keys.contains(k))
        .sorted()
        .forEach(k -> problems.add(sources.fileName() + ": unknown setting '" + k + "'"));
    Settings settings = null;
    try {
      settings = Settings.resolve(declared, sources.flags(), sources.environment(), sources.file());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    for (ConfigCheck check : checks) problems.addAll(check.problems(sources));
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return settings;
  }

  /** Reads a properties file (UTF-8); a missing or unreadable file is a config problem. */
  public static Map<String, String> readProperties(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k).trim()));
    return out;
  }
}
