package dev.ferry.app.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code ferry mapping:state|reload|abort|delete MAPPING}: one mapping, named by its Salesforce
 * object name (any case) or its id.
 */
public final class MappingCommands {
  private MappingCommands() {}

  /** The mapping argument every mapping verb takes. */
  abstract static class MappingCommand extends RemoteCommand {
    @Parameters(
        index = "0",
        paramLabel = "MAPPING",
        description = "The mapping: its object name (e.g. Contact) or its id.")
    String mapping;

    MappingCommand(CliEnvironment env) {
      super(env);
    }

    static String name(JsonNode m) {
      return m.path("object_name").asString();
    }

    static String path(JsonNode m) {
      return Remote.API + "/mappings/" + m.path("id").asString();
    }

    /** Prints the server's answer with --json, else {@code human}. */
    static int done(Remote r, JsonNode response, String human) {
      if (r.out().json()) r.out().json(response);
      else r.out().line(human);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "mapping:state",
      mixinStandardHelpOptions = true,
      description = "Print a mapping's state, such as DATA_SYNCED.")
  public static final class State extends MappingCommand {
    public State(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode m = r.mapping(mapping);
      return done(r, m, m.path("state").asString());
    }
  }

  @Command(
      name = "mapping:reload",
      mixinStandardHelpOptions = true,
      description = "Reload a mapping: truncate its table and load it again from Salesforce.")
  public static final class Reload extends MappingCommand {
    public Reload(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode m = r.mapping(mapping);
      JsonNode answer = r.api().post(path(m) + "/actions/reload", null).json();
      return done(r, answer, "Reload of " + name(m) + " requested.");
    }
  }

  @Command(
      name = "mapping:abort",
      mixinStandardHelpOptions = true,
      description = "Abort a mapping's running load or reload (Ferry; not in Heroku Connect).")
  public static final class Abort extends MappingCommand {
    public Abort(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode m = r.mapping(mapping);
      JsonNode answer = r.api().post(path(m) + "/actions/abort", null).json();
      return done(r, answer, "Abort of " + name(m) + "'s load requested.");
    }
  }

  @Command(
      name = "mapping:delete",
      mixinStandardHelpOptions = true,
      description = {
        "Delete a mapping and drop its table. Repeat the mapping's object name with --confirm."
      })
  public static final class Delete extends MappingCommand {
    @Option(
        names = "--confirm",
        paramLabel = "NAME",
        required = true,
        description = "The mapping's object name again, to confirm.")
    String confirm;

    public Delete(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode m = r.mapping(mapping);
      if (!name(m).equalsIgnoreCase(confirm.strip())) {
        throw CliException.usage(
            "--confirm "
                + confirm
                + " does not match the mapping's object name "
                + name(m)
                + ". Nothing was deleted.");
      }
      JsonNode answer = r.api().delete(path(m)).json();
      return done(r, answer, "Deleted mapping " + name(m) + " [" + m.path("id").asString() + "].");
    }
  }
}
