package dev.ferry.emulator.org;

import org.jspecify.annotations.Nullable;

/**
 * Which API made a change, as a change event's {@code changeOrigin} reports it: {@code
 * com/salesforce/api/<api>/<version>;client=<Sforce-Call-Options client>}, or empty for changes
 * made outside the API (the emulator's controls, like a user in Setup).
 *
 * @param api rest, bulkapi, soap, ...; empty for none
 * @param version API version without the v, e.g. 62.0
 * @param client the {@code client=} of the Sforce-Call-Options header, or null
 */
public record ChangeOrigin(String api, String version, @Nullable String client) {
  /** A change made outside the API. */
  public static final ChangeOrigin NONE = new ChangeOrigin("", "", null);

  public static ChangeOrigin rest(String version, @Nullable String client) {
    return new ChangeOrigin("rest", version, client);
  }

  public static ChangeOrigin bulk(String version, @Nullable String client) {
    return new ChangeOrigin("bulkapi", version, client);
  }

  /** The header value: {@code com/salesforce/api/rest/62.0;client=ferry}, or empty. */
  public String wire() {
    if (api.isEmpty()) {
      return "";
    }
    String base = "com/salesforce/api/" + api + "/" + version;
    return client == null || client.isEmpty() ? base : base + ";client=" + client;
  }

  /**
   * The client name of a {@code Sforce-Call-Options} header ({@code client=x, defaultNamespace=y}).
   */
  public static @Nullable String clientOf(@Nullable String callOptions) {
    if (callOptions == null) {
      return null;
    }
    for (String part : callOptions.split(",")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "client=", 0, 7)) {
        return p.substring(7).trim();
      }
    }
    return null;
  }
}
