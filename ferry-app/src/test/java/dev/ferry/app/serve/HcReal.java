package dev.ferry.app.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The material written by others that the conformance tests run against: {@code hc-real/} (real
 * {@code heroku connect:export} files and DDL dumps), found at {@code ../shared/hc-real/} beside
 * the repository (where CI puts it) or where the system property {@value #PROPERTY} says. When it
 * is missing the tests fail under {@code CI=true} (a conformance run that silently checks nothing
 * is worse than none) and are skipped, saying why, elsewhere.
 */
final class HcReal {
  static final String PROPERTY = "ferry.hc-real.dir";

  private HcReal() {}

  /** The {@code hc-real} folder; fails or skips the test when it is missing. */
  static Path dir() {
    String configured = System.getProperty(PROPERTY);
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : repositoryRoot().resolveSibling("shared").resolve("hc-real");
    if (!Files.isDirectory(dir)) {
      String why =
          "the Heroku Connect material "
              + dir.toAbsolutePath().normalize()
              + " does not exist (it is ../shared/hc-real beside the repository; point -D"
              + PROPERTY
              + "=<dir> at another copy)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
      Assumptions.abort("skipped: " + why);
    }
    return dir;
  }

  /** Every {@code exports/*.json} file (not the {@code negative/} ones), by name. */
  static List<Path> exports() {
    Path exports = dir().resolve("exports");
    try (Stream<Path> files = Files.list(exports)) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      Assertions.assertFalse(found.isEmpty(), "no export files in " + exports);
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + exports, e);
    }
  }

  /** The repository root: the nearest folder up from the working directory holding mvnw. */
  static Path repositoryRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("ferry-app"))) return p;
    }
    return start;
  }
}
