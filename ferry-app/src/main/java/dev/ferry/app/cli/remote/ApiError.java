package dev.ferry.app.cli.remote;

/**
 * A failed call to the management API, classified at the edge: cannot connect, the token is
 * refused, the request is refused (4xx, with the server's message), or the server failed (5xx).
 *
 * @see ExitCodes
 */
public final class ApiError extends CliException {
  /** The HTTP status, or 0 when no response arrived. */
  private final int status;

  ApiError(int exitCode, int status, String message) {
    super(exitCode, message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static ApiError unreachable(String url, String reason) {
    return new ApiError(
        ExitCodes.UNREACHABLE,
        0,
        "Cannot reach Ferry at "
            + url
            + " ("
            + reason
            + "). Is `ferry serve` running there? Set --url or FERRY_URL.");
  }

  /** The error for a non-2xx response whose body's message is {@code message}. */
  static ApiError of(String method, String path, int status, String message) {
    if (status == 401 || status == 403) {
      return new ApiError(
          ExitCodes.UNREACHABLE,
          status,
          "Ferry refused the API token (HTTP "
              + status
              + "): "
              + message
              + ". Set --token or FERRY_API_TOKEN to the server's FERRY_API_TOKEN.");
    }
    if (status >= 400 && status < 500) return new ApiError(ExitCodes.REFUSED, status, message);
    return new ApiError(
        ExitCodes.SERVER,
        status,
        "Ferry failed on " + method + " " + path + " (HTTP " + status + "): " + message);
  }

  static ApiError unexpected(String method, String path, int status, String what) {
    return new ApiError(
        ExitCodes.SERVER,
        status,
        "Unexpected answer to " + method + " " + path + " (HTTP " + status + "): " + what);
  }
}
