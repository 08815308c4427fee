package dev.ferry.app.cli;

import picocli.CommandLine;

/**
 * Subcommands another jar adds to {@code ferry} when it is on the class path, found with {@link
 * java.util.ServiceLoader}: the ferry-demo module's {@code demo} and {@code emulator}, which keep
 * the emulator and embedded PostgreSQL out of the server jar.
 */
public interface CliExtension {
  /** Adds the subcommands (class-based ones are made by the root's factory). */
  void addTo(CommandLine ferry);
}
