package dev.ferry.app.cli;

import dev.ferry.app.demo.DemoCommand;
import dev.ferry.app.demo.EmulatorCommand;
import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.core.error.ConfigException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command line: every subcommand hangs off this root. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Two-way Salesforce ⇄ PostgreSQL sync, compatible with Heroku Connect.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      EmulatorCommand.class,
      ConfigCommand.class,
      KeysetCommand.class
    })
public final class FerryCli implements Runnable {
  /** Exit code for invalid configuration or input (as for a usage error). */
  public static final int EXIT_CONFIG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by main and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new FerryCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(FerryCli::handle);
  }

  /** Bad configuration or input: every problem on its own line, no stack trace. */
  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    List<String> problems =
        switch (e) {
          case ConfigException c -> c.problems();
          case InvalidDocumentException d -> d.problems();
          default -> null;
        };
    if (problems == null) {
      err.println("ferry " + cmd.getCommandName() + ": " + e);
      e.printStackTrace(err);
      err.flush();
      return 1;
    }
    err.println("ferry " + cmd.getCommandName() + ": invalid configuration or input:");
    problems.forEach(p -> err.println("  - " + p));
    err.flush();
    return EXIT_CONFIG;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
