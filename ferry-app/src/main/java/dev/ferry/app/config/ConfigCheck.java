package dev.ferry.app.config;

import java.util.List;

/** A check across several settings (e.g. "a login flow needs these two"), run on raw inputs. */
@FunctionalInterface
public interface ConfigCheck {
  /** Every problem found, each naming the variables involved; empty when all is well. */
  List<String> problems(ConfigSources sources);
}
