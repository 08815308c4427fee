package dev.ferry.app.cli.remote;

/** The exit codes of the commands that talk to a running {@code ferry serve} (docs/cli.md). */
public final class ExitCodes {
  private ExitCodes() {}

  /** Done. */
  public static final int OK = 0;

  /** The API refused the request (4xx other than 401/403: not found, conflict, invalid input). */
  public static final int REFUSED = 1;

  /** Bad options or arguments, an unreadable file, or several connections and no --connection. */
  public static final int USAGE = 2;

  /** Cannot reach the server, or it refused the API token (401/403). */
  public static final int UNREACHABLE = 3;

  /** A diagnosis found a RED check. */
  public static final int RED = 4;

  /** The server failed (5xx) or answered something that is not the API. */
  public static final int SERVER = 5;
}
