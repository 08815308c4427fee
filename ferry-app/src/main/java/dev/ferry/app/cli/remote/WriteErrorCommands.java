package dev.ferry.app.cli.remote;

import static dev.ferry.app.cli.remote.Output.Column;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code ferry write-errors}, {@code ferry mapping:write-errors MAPPING}: the writes to Salesforce
 * that failed in the last 24 hours; {@code ferry write-errors:retry} (Ferry's addition) queues them
 * again.
 */
public final class WriteErrorCommands {
  private WriteErrorCommands() {}

  static int show(Remote r, JsonNode errors) {
    Output out = r.out();
    if (out.json()) {
      out.json(errors.path("results"));
    } else if (errors.path("results").isEmpty()) {
      out.line("No write errors in the last 24 hours");
    } else {
      out.table(
          List.of(
              Column.of("Trigger Log ID", "id"),
              Column.of("Table Name", "table_name"),
              Column.of("Table ID", "record_id"),
              Column.of("Error Message", "message"),
              Column.of("Created", "created_at")),
          errors.path("results"));
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "write-errors",
      mixinStandardHelpOptions = true,
      description = "Show the connection's failed writes to Salesforce of the last 24 hours.")
  public static final class Connection extends RemoteCommand {
    public Connection(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      return show(r, r.api().get(Remote.API + "/connections/" + r.connectionId() + "/errors"));
    }
  }

  @Command(
      name = "mapping:write-errors",
      mixinStandardHelpOptions = true,
      description = "Show one mapping's failed writes to Salesforce of the last 24 hours.")
  public static final class Mapping extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "MAPPING", description = "Object name or mapping id.")
    String mapping;

    public Mapping(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode m = r.mapping(mapping);
      return show(r, r.api().get(Remote.API + "/mappings/" + m.path("id").asString() + "/errors"));
    }
  }

  @Command(
      name = "write-errors:retry",
      mixinStandardHelpOptions = true,
      description = {
        "Queue failed writes to Salesforce again (Ferry's addition): all of the connection's,",
        "one mapping's (MAPPING), or one trigger-log entry (--entry ID)."
      })
  public static final class Retry extends RemoteCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "MAPPING",
        description = "Only this mapping's failed writes (object name or mapping id).")
    String mapping;

    @Option(
        names = "--entry",
        paramLabel = "ID",
        description = "Only this trigger-log entry (the Trigger Log ID of write-errors).")
    Long entry;

    public Retry(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      if (mapping != null && entry != null) {
        throw CliException.usage("Give either MAPPING or --entry, not both.");
      }
      ApiClient.Response answer;
      String what;
      if (mapping != null) {
        JsonNode m = r.mapping(mapping);
        answer =
            r.api()
                .post(Remote.API + "/mappings/" + m.path("id").asString() + "/errors/retry", null);
        what = m.path("object_name").asString() + "'s failed writes";
      } else {
        JsonNode c = r.connection();
        answer =
            r.api()
                .post(
                    Remote.API + "/connections/" + c.path("id").asString() + "/errors/retry",
                    entry == null ? null : Output.object().put("entry_id", entry));
        what = entry == null ? "failed writes of " + Remote.label(c) : "entry " + entry;
      }
      JsonNode body = answer.json();
      if (r.out().json()) {
        r.out().json(body);
      } else {
        long requeued = body.path("requeued").asLong();
        r.out()
            .line(
                "Queued again: "
                    + requeued
                    + (requeued == 1 ? " failed write (" : " failed writes (")
                    + what
                    + "); "
                    + body.path("captured").asLong()
                    + " row(s) captured anew for the next write.");
      }
      return ExitCodes.OK;
    }
  }
}
