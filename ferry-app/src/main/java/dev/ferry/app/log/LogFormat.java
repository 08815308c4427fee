package dev.ferry.app.log;

/** How log lines are written: logfmt (Heroku Connect's shape) or one JSON object per line. */
public enum LogFormat {
  LOGFMT,
  JSON
}
