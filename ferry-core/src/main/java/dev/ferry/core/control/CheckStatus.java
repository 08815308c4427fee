package dev.ferry.core.control;

/** The outcome of one diagnostic check, as Heroku Connect's {@code connect:diagnose} shows it. */
public enum CheckStatus {
  /** Something is broken and needs a human. */
  RED,
  /** Works, but something deserves attention. */
  YELLOW,
  /** Fine. */
  GREEN,
  /** Could not be judged (not applicable, or the facts are not available). */
  SKIPPED
}
