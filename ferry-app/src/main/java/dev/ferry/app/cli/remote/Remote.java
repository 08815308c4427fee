package dev.ferry.app.cli.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One command's session with the server: the API client, the output, and how a connection ({@code
 * --connection NAME|ID}) or a mapping (object name or id) the user named is found.
 */
public final class Remote {
  static final String API = "/api/v3";

  private final ApiClient api;
  private final Output out;
  private final @Nullable String connectionSelector;

  Remote(ApiClient api, Output out, @Nullable String connectionSelector) {
    this.api = api;
    this.out = out;
    this.connectionSelector = connectionSelector;
  }

  public ApiClient api() {
    return api;
  }

  public Output out() {
    return out;
  }

  /** Every connection (shallow), or only the one {@code --connection} names. */
  List<JsonNode> connections() {
    List<JsonNode> all = new ArrayList<>();
    api.get(API + "/connections").path("results").forEach(all::add);
    if (connectionSelector == null) return all;
    return List.of(pick(all, connectionSelector));
  }

  /**
   * The one connection the command acts on: the one {@code --connection} names, else the only one;
   * several without {@code --connection} is a usage error that lists them.
   */
  JsonNode connection() {
    List<JsonNode> all = new ArrayList<>();
    api.get(API + "/connections").path("results").forEach(all::add);
    if (connectionSelector != null) return pick(all, connectionSelector);
    if (all.isEmpty()) {
      throw new CliException(
          ExitCodes.REFUSED,
          "No connections found. Create one: set FERRY_SF_* for `ferry serve`, or POST "
              + API
              + "/connections.");
    }
    if (all.size() > 1) {
      throw CliException.usage(
          "Multiple connections found. Please use '--connection NAME|ID' to specify a single"
              + " connection. Use 'ferry info' to list them:"
              + System.lineSeparator()
              + list(all));
    }
    return all.getFirst();
  }

  String connectionId() {
    return connection().path("id").asString();
  }

  /** The connection with its mappings ({@code ?deep=true}). */
  JsonNode deepConnection() {
    return deep(connectionId());
  }

  JsonNode deep(String connectionId) {
    return api.get(API + "/connections/" + connectionId + "?deep=true");
  }

  /**
   * The mapping {@code selector} names: a mapping id, or an object name (any case) of the
   * connection's mappings, as Heroku Connect's CLI takes it.
   */
  JsonNode mapping(String selector) {
    if (isUuid(selector)) return api.get(API + "/mappings/" + selector);
    JsonNode connection = deepConnection();
    for (JsonNode m : connection.path("mappings")) {
      if (m.path("object_name").asString("").equalsIgnoreCase(selector)) return m;
    }
    List<String> names = new ArrayList<>();
    connection.path("mappings").forEach(m -> names.add(m.path("object_name").asString()));
    throw new CliException(
        ExitCodes.REFUSED,
        "No mapping configured for "
            + selector
            + " on connection "
            + label(connection)
            + (names.isEmpty()
                ? " (it has no mappings)"
                : " (mappings: " + String.join(", ", names))
            + (names.isEmpty() ? "" : ")"));
  }

  private static JsonNode pick(List<JsonNode> all, String selector) {
    for (JsonNode c : all) {
      if (c.path("id").asString("").equalsIgnoreCase(selector)) return c;
    }
    List<JsonNode> byName = new ArrayList<>();
    for (JsonNode c : all) {
      if (c.path("name").asString("").equals(selector)) byName.add(c);
    }
    if (byName.isEmpty()) {
      String lower = selector.toLowerCase(Locale.ROOT);
      for (JsonNode c : all) {
        if (c.path("name").asString("").toLowerCase(Locale.ROOT).equals(lower)) byName.add(c);
      }
    }
    if (byName.size() == 1) return byName.getFirst();
    if (byName.size() > 1) {
      throw CliException.usage(
          "Several connections are named '"
              + selector
              + "'; use the id:"
              + System.lineSeparator()
              + list(byName));
    }
    throw new CliException(
        ExitCodes.REFUSED,
        "No connection '"
            + selector
            + "'."
            + (all.isEmpty() ? " There are no connections." : " Connections:")
            + (all.isEmpty() ? "" : System.lineSeparator() + list(all)));
  }

  private static String list(List<JsonNode> connections) {
    List<String> lines = new ArrayList<>();
    for (JsonNode c : connections) lines.add("  " + label(c) + " " + c.path("state").asString(""));
    return String.join(System.lineSeparator(), lines);
  }

  /** {@code name [id]}. */
  static String label(JsonNode connection) {
    return connection.path("name").asString("") + " [" + connection.path("id").asString("") + "]";
  }

  static boolean isUuid(String s) {
    try {
      return UUID.fromString(s).toString().equalsIgnoreCase(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
