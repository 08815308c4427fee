package dev.ferry.salesforce;

/**
 * Told of every HTTP request a client sends, by kind ({@code auth}, {@code query}, {@code
 * bulk-query}, ...; the keys of {@code SalesforceApi.callCounts()}), e.g. to count them in a
 * process-wide metric. Called on the caller's thread before the request goes out; must be quick and
 * must not throw.
 */
@FunctionalInterface
public interface CallListener {
  CallListener NONE = kind -> {};

  void called(String kind);
}
