package dev.ferry.app.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). */
public final class FerryVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = FerryVersion.class.getPackage().getImplementationVersion();
    return new String[] {"ferry " + (v == null ? "development" : v)};
  }
}
