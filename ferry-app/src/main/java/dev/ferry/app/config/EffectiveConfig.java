package dev.ferry.app.config;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** Logs the effective configuration once at start, one key-value per setting, secrets masked. */
public final class EffectiveConfig {
  private static final Logger log = LoggerFactory.getLogger(EffectiveConfig.class);

  private EffectiveConfig() {}

  public static void log(Settings settings, List<Setting<?>> declared) {
    LoggingEventBuilder line = log.atInfo();
    for (Setting<?> s : declared) line = line.addKeyValue(s.env(), shown(settings, s));
    line.log("effective configuration");
  }

  /** The value as shown to humans: secrets masked, unset as "(unset)". */
  public static String shown(Settings settings, Setting<?> s) {
    Object v = settings.get(s);
    if (v == null) return "(unset)";
    return s.secret() ? "<masked>" : s.render(v);
  }
}
