package dev.ferry.app.cli.remote;

import static dev.ferry.app.cli.remote.Output.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code ferry import FILE}: asks the server what the file would change ({@code ?dry_run=true}),
 * shows it, then applies it (unless {@code --dry-run}). Like Heroku Connect's import it creates and
 * updates the listed mappings and leaves the others alone.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update the mappings listed in a Heroku Connect export file (others are kept).",
      "Shows what will change first; --dry-run stops there."
    })
public final class ImportCommand extends RemoteCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "The export file (JSON).")
  Path file;

  @Option(names = "--dry-run", description = "Only show what would change.")
  boolean dryRun;

  public ImportCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int run(Remote r) {
    String document = read(file);
    String path = Remote.API + "/connections/" + r.connectionId() + "/actions/import";
    JsonNode plan = r.api().postText(path + "?dry_run=true", document).json();
    Output out = r.out();
    boolean changes = hasChanges(plan);
    if (dryRun || !changes) {
      if (out.json()) {
        out.json(plan);
      } else {
        show(out, plan);
        out.line(
            !changes
                ? "Nothing to change: every mapping in " + file + " is already as it says."
                : "Dry run: nothing was changed.");
      }
      return ExitCodes.OK;
    }
    if (!out.json()) show(out, plan);
    JsonNode applied = r.api().postText(path, document).json();
    if (out.json()) {
      out.json(applied);
    } else {
      out.line("Imported " + file + ": " + summary(applied) + ".");
    }
    return ExitCodes.OK;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("No such file: " + file);
    } catch (IOException e) {
      throw CliException.usage("Cannot read " + file + ": " + e.getMessage());
    }
  }

  private static boolean hasChanges(JsonNode plan) {
    for (JsonNode c : plan.path("changes")) {
      if (!"UNCHANGED".equals(c.path("action").asString())) return true;
    }
    return false;
  }

  private static void show(Output out, JsonNode plan) {
    out.table(
        List.of(
            Column.of("Object Name", "object_name"),
            Column.of("Action", "action"),
            new Column("Added Fields", c -> join(c.path("added_fields"))),
            new Column("Removed Fields", c -> join(c.path("removed_fields")))),
        plan.path("changes"));
    for (JsonNode w : plan.path("warnings")) out.line("Warning: " + w.asString());
  }

  private static String join(JsonNode array) {
    StringBuilder s = new StringBuilder();
    for (JsonNode f : array) s.append(s.isEmpty() ? "" : ", ").append(f.asString());
    return s.toString();
  }

  private static String summary(JsonNode applied) {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (JsonNode c : applied.path("changes")) {
      switch (c.path("action").asString()) {
        case "CREATE" -> created++;
        case "UPDATE" -> updated++;
        default -> unchanged++;
      }
    }
    return created + " created, " + updated + " updated, " + unchanged + " unchanged";
  }
}
