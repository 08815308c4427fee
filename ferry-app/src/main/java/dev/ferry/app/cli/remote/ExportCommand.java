package dev.ferry.app.cli.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ferry export}: the connection's configuration in Heroku Connect's export format, indented
 * by 4 spaces like Heroku Connect's files, to {@code <connection name>.json}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the connection's mappings (Heroku Connect's format) to <connection name>.json,",
      "or to -o FILE; -o - prints it."
    })
public final class ExportCommand extends RemoteCommand {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write it (default <connection name>.json; - for standard output).")
  String output;

  public ExportCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int run(Remote r) throws IOException {
    JsonNode c = r.connection();
    JsonNode document =
        r.api().get(Remote.API + "/connections/" + c.path("id").asString() + "/actions/export");
    String text = Output.pretty(document, 4);
    if ("-".equals(output)) {
      r.out().line(text);
      return ExitCodes.OK;
    }
    Path file = Path.of(output != null ? output : fileName(c.path("name").asString()));
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("Cannot write " + file + ": " + e.getMessage());
    }
    int mappings = document.path("mappings").size();
    if (r.out().json()) {
      r.out().json(Output.object().put("file", file.toString()).put("mappings", mappings));
    } else {
      r.out().line("Saved config-file to " + file + " (" + mappings + " mappings).");
    }
    return ExitCodes.OK;
  }

  /** {@code <name>.json}, with characters a file name should not have replaced by '_'. */
  static String fileName(String connectionName) {
    String safe = connectionName.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.startsWith(".")) safe = "connection" + safe;
    return safe + ".json";
  }
}
