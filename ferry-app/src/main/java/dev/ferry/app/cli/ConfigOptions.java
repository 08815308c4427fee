package dev.ferry.app.cli;

import dev.ferry.app.config.ConfigLoader;
import dev.ferry.app.config.ConfigSources;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that reads Ferry's configuration shares: a file and explicit values. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file of settings (keys as in docs/configuration.md).")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set any setting by key, e.g. --set ferry.log.level=debug (beats the environment).")
  Map<String, String> values = new LinkedHashMap<>();

  /** The sources: these flags (plus {@code extraFlags}) over {@code environment} over the file. */
  public ConfigSources sources(Map<String, String> extraFlags, Map<String, String> environment) {
    Map<String, String> flags = new LinkedHashMap<>(values);
    flags.putAll(extraFlags);
    Map<String, String> fileValues = file == null ? Map.of() : ConfigLoader.readProperties(file);
    return new ConfigSources(
        flags, environment, fileValues, file == null ? null : file.getFileName().toString());
  }
}
