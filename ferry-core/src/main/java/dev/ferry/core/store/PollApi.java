package dev.ferry.core.store;

/** Which Salesforce API read a window. */
public enum PollApi {
  REST,
  BULK
}
