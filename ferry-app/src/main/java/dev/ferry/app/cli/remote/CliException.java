package dev.ferry.app.cli.remote;

/**
 * A command that cannot complete, with the exit code that says why ({@link ExitCodes}) and a
 * message for a human. Never carries a secret.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Bad options or an ambiguous selection: exit code {@link ExitCodes#USAGE}. */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
