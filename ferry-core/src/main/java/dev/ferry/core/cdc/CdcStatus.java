package dev.ferry.core.cdc;

/** Where a mapping's accelerated polling stands. */
public enum CdcStatus {
  /** Subscribing (or re-subscribing after a drop). */
  STARTING,
  /** Events arrive; the regular poll runs at the safety-poll interval. */
  LISTENING,
  /** Change Data Capture is not available; the mapping polls at sf_polling_seconds. */
  FALLBACK
}
