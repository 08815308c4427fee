package dev.ferry.app.cli.remote;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code ferry pause|resume|recover}: the connection's actions. */
public final class ConnectionActions {
  private ConnectionActions() {}

  abstract static class Action extends RemoteCommand {
    private final String action;
    private final String done;

    Action(CliEnvironment env, String action, String done) {
      super(env);
      this.action = action;
      this.done = done;
    }

    @Override
    protected int run(Remote r) {
      JsonNode c = r.connection();
      JsonNode answer =
          r.api()
              .post(
                  Remote.API + "/connections/" + c.path("id").asString() + "/actions/" + action,
                  null)
              .json();
      if (r.out().json()) r.out().json(answer);
      else r.out().line(done + " connection " + Remote.label(c) + ".");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause the connection: no reads from Salesforce, no writes to it.")
  public static final class Pause extends Action {
    public Pause(CliEnvironment env) {
      super(env, "pause", "Paused");
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused connection.")
  public static final class Resume extends Action {
    public Resume(CliEnvironment env) {
      super(env, "resume", "Resumed");
    }
  }

  @Command(
      name = "recover",
      aliases = "restart",
      mixinStandardHelpOptions = true,
      description = "Recover a connection (and its mappings) from an error state.")
  public static final class Recover extends Action {
    public Recover(CliEnvironment env) {
      super(env, "restart", "Recovery requested for");
    }
  }
}
