package dev.ferry.app.config;

import dev.ferry.core.config.ConfigReference;
import dev.ferry.core.config.Setting;
import dev.ferry.engine.FerryEngine;
import dev.ferry.salesforce.SalesforceSettings;
import java.util.ArrayList;
import java.util.List;

/** Every setting Ferry declares, from every module: the single source of the config reference. */
public final class FerrySettings {
  private FerrySettings() {}

  public static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(AppSettings.all());
    all.addAll(FerryEngine.settings());
    all.addAll(SalesforceSettings.all());
    return List.copyOf(all);
  }

  /** The Markdown of {@code docs/configuration.md}. */
  public static String reference() {
    return ConfigReference.markdown("Ferry configuration reference", all());
  }
}
