package dev.ferry.app.wiring;

import dev.ferry.app.config.ConfigLoader;
import dev.ferry.app.config.ConfigSources;
import dev.ferry.app.config.EffectiveConfig;
import dev.ferry.app.config.EnvConnection;
import dev.ferry.app.config.FerrySettings;
import dev.ferry.app.config.ServeConfig;
import dev.ferry.app.log.LogSetup;
import dev.ferry.core.config.Settings;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code ferry serve} without the console: resolve and check the configuration (every problem at
 * once), apply the log format and level, log the effective configuration, start the node. Tests
 * start real servers through this.
 */
public final class Serve {
  private Serve() {}

  public static FerryNode start(
      ConfigSources sources, @Nullable Path importFile, FerryNode.Options options) {
    Settings settings =
        ConfigLoader.load(
            FerrySettings.all(),
            sources,
            List.of(EnvConnection.CHECK, ServeConfig.DATABASE_REQUIRED));
    ServeConfig config = ServeConfig.from(settings, null);
    LogSetup.apply(config.logFormat(), config.logLevel());
    EffectiveConfig.log(settings, FerrySettings.all());
    StartupImport.Document document =
        importFile == null ? null : StartupImport.Document.read(importFile);
    return FerryNode.start(config, options.withImport(document));
  }
}
