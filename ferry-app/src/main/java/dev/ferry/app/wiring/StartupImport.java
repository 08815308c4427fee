package dev.ferry.app.wiring;

import dev.ferry.app.hc.ConfigFile;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.ImportPlan;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.log.LogContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ferry serve --import FILE}: applies a Heroku Connect export to the environment's
 * connection (or the only connection there is) before serving. Validated first; on any problem
 * nothing is applied and the server does not start.
 */
public final class StartupImport {
  private static final Logger log = LoggerFactory.getLogger(StartupImport.class);

  private StartupImport() {}

  /** A document to import at start: a file's name and its text. */
  public record Document(String name, String text) {
    /** Reads a file; an unreadable file is a configuration problem. */
    public static Document read(Path file) {
      try {
        return new Document(file.getFileName().toString(), Files.readString(file));
      } catch (IOException e) {
        throw new ConfigException("--import: cannot read " + file + ": " + e.getMessage());
      }
    }
  }

  /** Reads and checks the document; done before anything starts, so a bad file changes nothing. */
  static ConfigFile.Parsed parse(Document document) {
    return ConfigFile.parse(document.text(), document.name());
  }

  static ImportPlan apply(
      FerryService service,
      Document document,
      ConfigFile.Parsed parsed,
      Optional<ConnectionId> envConnection) {
    ConnectionId target = envConnection.orElseGet(() -> onlyConnection(service));
    try (LogContext lc = LogContext.connection(target)) {
      parsed
          .warnings()
          .forEach(w -> log.atWarn().addKeyValue("file", document.name()).log("import: " + w));
      ImportPlan plan = service.applyImport(target, parsed.mappings());
      for (ImportPlan.Change c : plan.changes()) {
        log.atInfo()
            .addKeyValue("object", c.objectName())
            .addKeyValue("action", c.action())
            .addKeyValue("added_fields", String.join(",", c.addedFields()))
            .addKeyValue("removed_fields", String.join(",", c.removedFields()))
            .log("import: mapping " + c.action().name().toLowerCase(java.util.Locale.ROOT));
      }
      return plan;
    }
  }

  private static ConnectionId onlyConnection(FerryService service) {
    List<ConnectionView> all = service.connections();
    if (all.size() == 1) return all.getFirst().connection().id();
    throw new ConfigException(
        "--import needs one connection to import into: set the FERRY_SF_* variables (the"
            + " connection from the environment), or have exactly one connection; found "
            + all.size());
  }
}
