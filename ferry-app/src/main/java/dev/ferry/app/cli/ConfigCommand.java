package dev.ferry.app.cli;

import dev.ferry.app.config.ConfigLoader;
import dev.ferry.app.config.EffectiveConfig;
import dev.ferry.app.config.EnvConnection;
import dev.ferry.app.config.FerrySettings;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry config}: the effective configuration (secrets masked), or the reference. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Show the effective configuration (flags > environment > file > defaults), secrets masked,",
      "or print the configuration reference (docs/configuration.md) with --reference."
    })
public final class ConfigCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;

  @Option(names = "--reference", description = "Print the Markdown reference of every setting.")
  boolean reference;

  private final Map<String, String> environment;

  public ConfigCommand() {
    this(System.getenv());
  }

  ConfigCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (reference) {
      out.print(FerrySettings.reference());
      out.flush();
      return 0;
    }
    Settings settings =
        ConfigLoader.load(
            FerrySettings.all(),
            config.sources(Map.of(), environment),
            List.of(EnvConnection.CHECK));
    String group = null;
    for (Setting<?> s : FerrySettings.all()) {
      if (!s.group().equals(group)) {
        group = s.group();
        out.println("# " + group);
      }
      out.println(s.env() + "=" + EffectiveConfig.shown(settings, s));
    }
    out.flush();
    return 0;
  }
}
