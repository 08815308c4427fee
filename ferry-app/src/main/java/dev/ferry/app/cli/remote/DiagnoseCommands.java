package dev.ferry.app.cli.remote;

import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code ferry diagnose} and {@code ferry mapping:diagnose}: the server's checks of a connection
 * and its mappings, shown as Heroku Connect's CLI shows them (RED and YELLOW with their messages;
 * GREEN and SKIPPED too with {@code -v}). A RED check makes the exit code {@link ExitCodes#RED}.
 */
public final class DiagnoseCommands {
  /** Heroku Connect's CLI polls the result 600 times, every half second. */
  static final int POLLS = 600;

  static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private DiagnoseCommands() {}

  @Command(
      name = "diagnose",
      mixinStandardHelpOptions = true,
      description = "Check the connection and its mappings for common configuration problems.")
  public static final class Diagnose extends RemoteCommand {
    @Option(
        names = {"-v", "--verbose"},
        description = "Show the passed and skipped checks too.")
    boolean verbose;

    public Diagnose(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) throws InterruptedException {
      JsonNode c = r.connection();
      JsonNode started =
          r.api()
              .post(Remote.API + "/connections/" + c.path("id").asString() + "/validations", null)
              .json();
      JsonNode results = poll(r, started);
      Output out = r.out();
      if (out.json()) {
        out.json(results);
        return red(results) ? ExitCodes.RED : ExitCodes.OK;
      }
      boolean shown = false;
      out.blank();
      out.header("Connection: " + c.path("name").asString());
      if (worthShowing(results, verbose)) {
        show(out, results, verbose);
        shown = true;
      }
      boolean anyRed = red(results);
      for (Map.Entry<String, JsonNode> m : mappings(results).entrySet()) {
        anyRed |= red(m.getValue());
        if (worthShowing(m.getValue(), verbose)) {
          out.blank();
          out.header(m.getKey());
          show(out, m.getValue(), verbose);
          shown = true;
        }
      }
      if (!shown && !verbose) out.line("Everything appears to be fine");
      return anyRed ? ExitCodes.RED : ExitCodes.OK;
    }

    /** Waits for the result the start answer points to (202 until it is ready, then 200). */
    private static JsonNode poll(Remote r, JsonNode started) throws InterruptedException {
      String url = started.path("result_url").asString("");
      if (url.isBlank()) {
        if (started.has("errors") || started.has("mappings")) return started;
        throw ApiError.unexpected("POST", "validations", 202, "no result_url in the answer");
      }
      for (int i = 0; i < POLLS; i++) {
        ApiClient.Response res = r.api().send("GET", r.api().pathOf(url), null);
        if (res.status() != 202) return res.json();
        Thread.sleep(POLL_INTERVAL);
      }
      throw new ApiError(
          ExitCodes.SERVER,
          202,
          "The diagnosis did not finish within "
              + POLL_INTERVAL.multipliedBy(POLLS).toSeconds()
              + " s; try again later.");
    }
  }

  @Command(
      name = "mapping:diagnose",
      mixinStandardHelpOptions = true,
      description = "Check one mapping for common configuration problems.")
  public static final class MappingDiagnose extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "MAPPING", description = "Object name or mapping id.")
    String mapping;

    @Option(
        names = {"-v", "--verbose"},
        description = "Show the passed and skipped checks too.")
    boolean verbose;

    public MappingDiagnose(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode m = r.mapping(mapping);
      JsonNode results =
          r.api().get(Remote.API + "/mappings/" + m.path("id").asString() + "/validations");
      Output out = r.out();
      if (out.json()) {
        out.json(results);
      } else {
        out.blank();
        out.header(m.path("object_name").asString());
        if (worthShowing(results, verbose)) show(out, results, verbose);
        else out.line("Everything appears to be fine");
      }
      return red(results) ? ExitCodes.RED : ExitCodes.OK;
    }
  }

  /**
   * The per-mapping results: {@code mappings} is an object keyed by object name (Heroku Connect) or
   * an array of results that carry {@code object_name}.
   */
  static Map<String, JsonNode> mappings(JsonNode results) {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    JsonNode m = results.path("mappings");
    if (m.isObject()) {
      m.forEachEntry(out::put);
    } else {
      for (JsonNode one : m) {
        String name = one.path("object_name").asString(one.path("display_name").asString("?"));
        out.put(name, one.has("results") ? one.path("results") : one);
      }
    }
    return out;
  }

  static boolean red(JsonNode results) {
    if (!results.path("errors").isEmpty()) return true;
    for (JsonNode m : mappings(results).values()) {
      if (!m.path("errors").isEmpty()) return true;
    }
    return false;
  }

  private static boolean worthShowing(JsonNode results, boolean verbose) {
    return verbose || !results.path("errors").isEmpty() || !results.path("warnings").isEmpty();
  }

  private static void show(Output out, JsonNode results, boolean verbose) {
    results.path("errors").forEach(c -> check(out, "RED", c, true));
    results.path("warnings").forEach(c -> check(out, "YELLOW", c, true));
    if (verbose) {
      results.path("passes").forEach(c -> check(out, "GREEN", c, false));
      results.path("skips").forEach(c -> check(out, "SKIPPED", c, true));
    }
  }

  private static void check(Output out, String status, JsonNode check, boolean details) {
    out.line(status + ": " + check.path("display_name").asString());
    if (!details) return;
    String message = check.path("message").asString("");
    if (!message.isBlank()) out.line(message);
    String doc = check.path("doc_url").asString("");
    if (!doc.isBlank()) out.line(doc);
  }
}
