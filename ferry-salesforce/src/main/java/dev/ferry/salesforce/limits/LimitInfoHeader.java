package dev.ferry.salesforce.limits;

import dev.ferry.core.sf.ApiUsage;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code Sforce-Limit-Info: api-usage=18/15000; per-app-api-usage=17/250(appName=x)}. Only
 * the org-wide {@code api-usage} counts: the per-app part is a sub-quota of the same requests.
 */
public final class LimitInfoHeader {
  public static final String NAME = "Sforce-Limit-Info";

  private static final Pattern ORG_USAGE = Pattern.compile("(?:^|[;,\\s])api-usage=(\\d+)/(\\d+)");

  private LimitInfoHeader() {}

  public static Optional<ApiUsage> parse(@Nullable String header, Instant observedAt) {
    if (header == null) return Optional.empty();
    Matcher m = ORG_USAGE.matcher(header.trim());
    if (!m.find()) return Optional.empty();
    try {
      return Optional.of(
          new ApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), observedAt));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
