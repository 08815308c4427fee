package dev.ferry.app.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ferry db:set}: the connection's database settings ({@code PATCH /connections/{id}}). */
@Command(
    name = "db:set",
    mixinStandardHelpOptions = true,
    description = "Set the connection's schema, name or database key (PATCH /connections/{id}).")
public final class DbSetCommand extends RemoteCommand {
  @Option(
      names = "--db",
      paramLabel = "VAR",
      description = "The config var naming the database (db_key; DATABASE_URL in Ferry).")
  String db;

  @Option(names = "--schema", paramLabel = "NAME", description = "Schema of the mapped tables.")
  String schema;

  @Option(names = "--name", paramLabel = "NAME", description = "The connection's new name.")
  String name;

  public DbSetCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int run(Remote r) {
    ObjectNode body = Output.object();
    if (db != null) body.put("db_key", db);
    if (schema != null) body.put("schema_name", schema);
    if (name != null) body.put("name", name);
    if (body.isEmpty()) throw CliException.usage("Give at least one of --db, --schema, --name.");
    String id = r.connectionId();
    JsonNode answer = r.api().patch(Remote.API + "/connections/" + id, body).json();
    JsonNode c = answer.has("id") ? answer : r.api().get(Remote.API + "/connections/" + id);
    Output out = r.out();
    if (out.json()) {
      out.json(c);
    } else {
      out.line("name: " + Output.text(c.get("name")));
      out.line("db_key: " + Output.text(c.get("db_key")));
      out.line("schema_name: " + Output.text(c.get("schema_name")));
    }
    return ExitCodes.OK;
  }
}
