package dev.ferry.emulator.org;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An API version such as 59.0, with the release name Salesforce lists for it. */
public record ApiVersion(int major) implements Comparable<ApiVersion> {
  public static final ApiVersion OLDEST = new ApiVersion(31);
  public static final ApiVersion LATEST = new ApiVersion(66);

  /** Every version the emulator serves, oldest first. */
  public static List<ApiVersion> supported() {
    List<ApiVersion> out = new ArrayList<>();
    for (int v = OLDEST.major; v <= LATEST.major; v++) {
      out.add(new ApiVersion(v));
    }
    return out;
  }

  /** {@code v59.0}, {@code 59.0} or {@code latest}; null when not a served version. */
  public static @Nullable ApiVersion parse(String segment) {
    if (segment.equalsIgnoreCase("latest")) {
      return LATEST;
    }
    String s = segment.startsWith("v") || segment.startsWith("V") ? segment.substring(1) : segment;
    if (s.length() != 4
        || !s.endsWith(".0")
        || !Character.isDigit(s.charAt(0))
        || !Character.isDigit(s.charAt(1))) {
      return null;
    }
    int major = Integer.parseInt(s.substring(0, s.indexOf('.')));
    return major < OLDEST.major || major > LATEST.major ? null : new ApiVersion(major);
  }

  /** {@code 59.0}. */
  public String number() {
    return major + ".0";
  }

  /** {@code v59.0}. */
  public String path() {
    return "v" + number();
  }

  /** {@code /services/data/v59.0}. */
  public String base() {
    return "/services/data/" + path();
  }

  public boolean atLeast(int otherMajor) {
    return major >= otherMajor;
  }

  /** Release label, e.g. {@code Winter '24} for 59.0 (three releases a year). */
  public String label() {
    int d = LATEST.major - major;
    String season =
        switch (d % 3) {
          case 0 -> "Spring";
          case 1 -> "Winter";
          default -> "Summer";
        };
    int year = 26 - (d + 1) / 3;
    return season + " '" + String.format("%02d", year);
  }

  @Override
  public int compareTo(ApiVersion o) {
    return Integer.compare(major, o.major);
  }
}
