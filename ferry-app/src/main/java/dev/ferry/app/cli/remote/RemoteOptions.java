package dev.ferry.app.cli.remote;

import dev.ferry.app.config.AppSettings;
import dev.ferry.app.config.ConfigLoader;
import dev.ferry.app.config.ConfigSources;
import dev.ferry.core.config.Settings;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that talks to a running {@code ferry serve} shares. */
public final class RemoteOptions {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Ferry's address (FERRY_URL; default http://127.0.0.1:8080).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token (FERRY_API_TOKEN). Prefer the variable: options show in the process list.")
  String token;

  @Option(
      names = {"--connection", "--resource"},
      paramLabel = "NAME|ID",
      description = "The connection to act on, by name or id (needed when there are several).")
  String connection;

  @Option(names = "--json", description = "Print JSON for scripts instead of tables.")
  boolean json;

  /** The session: the client, from flags over the environment, and the output. */
  Remote open(CliEnvironment env, PrintWriter out) {
    Map<String, String> flags = new LinkedHashMap<>();
    if (url != null) flags.put(AppSettings.CLI_URL.key(), url);
    if (token != null) flags.put(AppSettings.API_TOKEN.key(), token);
    Settings settings =
        ConfigLoader.load(
            List.of(AppSettings.CLI_URL, AppSettings.API_TOKEN),
            ConfigSources.of(flags, env.variables()),
            List.of());
    ApiClient api =
        new ApiClient(settings.get(AppSettings.CLI_URL), settings.get(AppSettings.API_TOKEN));
    return new Remote(api, new Output(out, json), connection);
  }
}
