package dev.ferry.emulator.bulk;

import dev.ferry.emulator.org.CompoundValues.Address;
import dev.ferry.emulator.org.CompoundValues.Location;
import dev.ferry.emulator.org.SfFormats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/** Fast CSV writing in Salesforce's style: every value double-quoted, quotes doubled. */
final class CsvOut {
  private final StringBuilder sb;
  private final char delimiter;
  private final String newline;
  private boolean first = true;

  CsvOut(StringBuilder sb, CsvDialect dialect) {
    this.sb = sb;
    this.delimiter = dialect.delimiter();
    this.newline = dialect.newline();
  }

  CsvOut quoted(@Nullable String value) {
    separator();
    sb.append('"');
    if (value != null) {
      if (value.indexOf('"') >= 0) {
        sb.append(value.replace("\"", "\"\""));
      } else {
        sb.append(value);
      }
    }
    sb.append('"');
    return this;
  }

  /** A header name as uploaded (unquoted), the way ingest result files echo it. */
  CsvOut raw(String value) {
    separator();
    sb.append(value);
    return this;
  }

  CsvOut value(@Nullable Object value) {
    return quoted(format(value));
  }

  void endRow() {
    sb.append(newline);
    first = true;
  }

  private void separator() {
    if (!first) {
      sb.append(delimiter);
    }
    first = false;
  }

  /** A stored value as Bulk CSV text; null as empty. */
  static @Nullable String format(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case BigDecimal b -> SfFormats.decimal(b);
      case Instant i -> SfFormats.csvDateTime(i);
      case LocalDate d -> SfFormats.date(d);
      case LocalTime t -> SfFormats.time(t);
      case Address a -> null;
      case Location l -> null;
      default -> value.toString();
    };
  }
}
