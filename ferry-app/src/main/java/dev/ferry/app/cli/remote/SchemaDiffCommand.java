package dev.ferry.app.cli.remote;

import static dev.ferry.app.cli.remote.Output.Column;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ferry schema-diff --target-version N}: what moving the connection to another Salesforce
 * API version would do to each mapping (the preview half of Heroku Connect's {@code
 * connect:manage-sf-api-version}).
 */
@Command(
    name = "schema-diff",
    mixinStandardHelpOptions = true,
    description = "Compare each mapping's fields between the connection's API version and another.")
public final class SchemaDiffCommand extends RemoteCommand {
  private static final Pattern VERSION = Pattern.compile("v?(\\d{2,3})(?:\\.0)?");

  @Option(
      names = "--target-version",
      paramLabel = "N",
      required = true,
      description = "Salesforce API version to compare with, e.g. 62 or 62.0.")
  String targetVersion;

  public SchemaDiffCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int run(Remote r) {
    String target = normalize(targetVersion);
    JsonNode c = r.connection();
    JsonNode diff =
        r.api()
            .get(
                Remote.API
                    + "/connections/"
                    + c.path("id").asString()
                    + "/schema-diff?target_version="
                    + target);
    Output out = r.out();
    if (out.json()) {
      out.json(diff);
      return ExitCodes.OK;
    }
    out.blank();
    out.header("Connection: " + c.path("name").asString());
    out.line("Current API Version: " + Output.text(diff.get("current_api_version")));
    String shownTarget = Output.text(diff.get("target_api_version"));
    out.line("Target API Version:  " + (shownTarget.isEmpty() ? target : shownTarget));
    out.blank();
    out.table(
        List.of(
            Column.of("Mapping", "name"),
            new Column("Status", SchemaDiffCommand::status),
            Column.of("Details", "result_message")),
        diff.path("mappings"));
    return ExitCodes.OK;
  }

  /** "62" or "62.0" (or "v62.0") → "62.0"; anything else is a usage error. */
  static String normalize(String version) {
    Matcher m = VERSION.matcher(version.strip());
    if (!m.matches()) {
      throw CliException.usage(
          "Invalid --target-version \""
              + version
              + "\". Expected a Salesforce API version (e.g. 62 or 62.0).");
    }
    return m.group(1) + ".0";
  }

  private static String status(JsonNode row) {
    if (row.path("has_unsafe_changes").asBoolean(false)) return "Action required";
    if (row.path("action_undetermined").asBoolean(false)) return "Action undetermined";
    if (row.path("fields_have_changed").isBoolean() && !row.path("fields_have_changed").asBoolean())
      return "No changes";
    return "No action required";
  }
}
