package dev.ferry.app.cli.remote;

import static dev.ferry.app.cli.remote.Output.Column;

import java.util.List;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code ferry info}, {@code ferry state} and {@code ferry events}: what the connections are and
 * how they are.
 */
public final class InfoCommands {
  private InfoCommands() {}

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Show each connection (or the --connection one) and its mappings' states.")
  public static final class Info extends RemoteCommand {
    public Info(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      Output out = r.out();
      ArrayNode all = Output.array(List.of());
      for (JsonNode c : r.connections()) all.add(r.deep(c.path("id").asString()));
      if (out.json()) {
        out.json(all);
        return ExitCodes.OK;
      }
      if (all.isEmpty()) out.line("No connections found.");
      for (JsonNode c : all) {
        out.header(
            "Connection ["
                + c.path("id").asString()
                + "] / "
                + c.path("name").asString()
                + " ("
                + c.path("state").asString()
                + ")");
        out.blank();
        if (c.path("mappings").isEmpty()) {
          out.line("No mappings");
        } else {
          out.table(
              List.of(Column.of("Object Name", "object_name"), Column.of("State", "state")),
              c.path("mappings"));
        }
        out.blank();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "state",
      mixinStandardHelpOptions = true,
      description = "Show the database, schema and state of each connection.")
  public static final class State extends RemoteCommand {
    public State(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      Output out = r.out();
      List<JsonNode> connections = r.connections();
      if (out.json()) {
        out.json(Output.array(connections));
        return ExitCodes.OK;
      }
      out.table(
          List.of(
              Column.of("Connection", "name"),
              Column.of("Database", "db_key"),
              Column.of("Schema", "schema_name"),
              Column.of("State", "state")),
          connections);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description =
          "Show each mapping's accelerated polling (change events): on or off and why, last event,"
              + " latency to Postgres, events received, replay position.")
  public static final class Events extends RemoteCommand {
    public Events(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      Output out = r.out();
      ArrayNode rows = Output.array(List.of());
      for (JsonNode c : r.connections()) {
        for (JsonNode m : r.deep(c.path("id").asString()).path("mappings")) {
          var row = Output.object();
          row.put("connection", c.path("name").asString());
          row.put("object_name", m.path("object_name").asString());
          row.setAll((tools.jackson.databind.node.ObjectNode) m.path("events"));
          rows.add(row);
        }
      }
      if (out.json()) {
        out.json(rows);
        return ExitCodes.OK;
      }
      if (rows.isEmpty()) {
        out.line("No mappings.");
        return ExitCodes.OK;
      }
      out.table(
          List.of(
              Column.of("Connection", "connection"),
              Column.of("Object Name", "object_name"),
              Column.of("Events", "status"),
              Column.of("Last Event", "last_event_at"),
              Column.of("Latency ms", "latency_ms"),
              Column.of("Received", "received"),
              Column.of("Replay Id", "replay_id"),
              Column.of("Why", "reason")),
          rows);
      return ExitCodes.OK;
    }
  }
}
