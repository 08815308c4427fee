package dev.ferry.app.cli.remote;

import static dev.ferry.app.cli.remote.Output.Column;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code ferry notifications} and {@code ferry notifications:acknowledge}. */
public final class NotificationCommands {
  private NotificationCommands() {}

  /** The filters both verbs take, as Heroku Connect's API names them. */
  abstract static class Filtered extends RemoteCommand {
    @Option(names = "--after", paramLabel = "TIME", description = "Only after this ISO time.")
    String after;

    @Option(names = "--before", paramLabel = "TIME", description = "Only before this ISO time.")
    String before;

    @Option(names = "--event-type", paramLabel = "TYPE", description = "Only this event type.")
    String eventType;

    Filtered(CliEnvironment env) {
      super(env);
    }

    String query(List<String> extra) {
      List<String> q = new ArrayList<>(extra);
      add(q, "after", after);
      add(q, "before", before);
      add(q, "event_type", eventType);
      return q.isEmpty() ? "" : "?" + String.join("&", q);
    }

    private static void add(List<String> q, String key, String value) {
      if (value != null) q.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  @Command(
      name = "notifications",
      mixinStandardHelpOptions = true,
      description = "List the connection's unacknowledged notifications.")
  public static final class Show extends Filtered {
    @Option(
        names = "--page-size",
        paramLabel = "N",
        defaultValue = "1000",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int pageSize;

    public Show(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      if (pageSize < 1) throw CliException.usage("--page-size must be at least 1");
      JsonNode page =
          r.api()
              .get(
                  Remote.API
                      + "/connections/"
                      + r.connectionId()
                      + "/notifications"
                      + query(List.of("page_size=" + pageSize)));
      Output out = r.out();
      if (out.json()) {
        out.json(page.path("results"));
      } else if (page.path("results").isEmpty()) {
        out.line("No notifications.");
      } else {
        out.table(
            List.of(
                Column.of("Event Type", "event_type"),
                Column.of("Message", "message"),
                Column.of("Created At", "created_at")),
            page.path("results"));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "notifications:acknowledge",
      mixinStandardHelpOptions = true,
      description = "Acknowledge the connection's notifications (those the filters select).")
  public static final class Acknowledge extends Filtered {
    public Acknowledge(CliEnvironment env) {
      super(env);
    }

    @Override
    protected int run(Remote r) {
      JsonNode c = r.connection();
      JsonNode answer =
          r.api()
              .post(
                  Remote.API
                      + "/connections/"
                      + c.path("id").asString()
                      + "/notifications/acknowledge"
                      + query(List.of()),
                  null)
              .json();
      if (r.out().json()) r.out().json(answer);
      else r.out().line("Acknowledged the notifications of " + Remote.label(c) + ".");
      return ExitCodes.OK;
    }
  }
}
