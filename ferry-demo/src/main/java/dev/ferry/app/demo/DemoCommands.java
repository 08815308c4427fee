package dev.ferry.app.demo;

import dev.ferry.app.cli.CliExtension;
import picocli.CommandLine;

/** {@code ferry demo} and {@code ferry emulator}, added to the CLI when this module is present. */
public final class DemoCommands implements CliExtension {
  @Override
  public void addTo(CommandLine ferry) {
    ferry.addSubcommand(DemoCommand.class);
    ferry.addSubcommand(EmulatorCommand.class);
  }
}
