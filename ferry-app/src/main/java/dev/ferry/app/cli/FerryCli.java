package dev.ferry.app.cli;

import dev.ferry.app.cli.remote.CliEnvironment;
import dev.ferry.app.cli.remote.CliException;
import dev.ferry.app.cli.remote.CliFactory;
import dev.ferry.app.cli.remote.ConnectionActions;
import dev.ferry.app.cli.remote.DbSetCommand;
import dev.ferry.app.cli.remote.DiagnoseCommands;
import dev.ferry.app.cli.remote.ExportCommand;
import dev.ferry.app.cli.remote.ImportCommand;
import dev.ferry.app.cli.remote.InfoCommands;
import dev.ferry.app.cli.remote.MappingCommands;
import dev.ferry.app.cli.remote.NotificationCommands;
import dev.ferry.app.cli.remote.SchemaDiffCommand;
import dev.ferry.app.cli.remote.SfAuthCommand;
import dev.ferry.app.cli.remote.WriteErrorCommands;
import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.core.error.ConfigException;
import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;
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
      ConfigCommand.class,
      KeysetCommand.class,
      InfoCommands.Info.class,
      InfoCommands.State.class,
      InfoCommands.Events.class,
      DbSetCommand.class,
      SfAuthCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      MappingCommands.State.class,
      MappingCommands.Reload.class,
      MappingCommands.Abort.class,
      MappingCommands.Delete.class,
      DiagnoseCommands.MappingDiagnose.class,
      DiagnoseCommands.Diagnose.class,
      WriteErrorCommands.Connection.class,
      WriteErrorCommands.Mapping.class,
      WriteErrorCommands.Retry.class,
      ConnectionActions.Pause.class,
      ConnectionActions.Resume.class,
      ConnectionActions.Recover.class,
      NotificationCommands.Show.class,
      NotificationCommands.Acknowledge.class,
      SchemaDiffCommand.class
    })
public final class FerryCli implements Runnable {
  /** Exit code for invalid configuration or input (as for a usage error). */
  public static final int EXIT_CONFIG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line of this process (its environment and console). */
  public static CommandLine commandLine() {
    return commandLine(CliEnvironment.system());
  }

  /** The configured command line, shared by main and tests (which pass their environment). */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine cli =
        new CommandLine(new FerryCli(), new CliFactory(environment))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(FerryCli::handle);
    for (CliExtension extension : ServiceLoader.load(CliExtension.class)) extension.addTo(cli);
    CommandGroups.install(cli);
    return cli;
  }

  /** Bad configuration or input: every problem on its own line, no stack trace. */
  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (e instanceof CliException c) {
      err.println("ferry " + cmd.getCommandName() + ": " + c.getMessage());
      err.flush();
      return c.exitCode();
    }
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
