package dev.ferry.store.sink;

import dev.ferry.core.model.ValueKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The newest modstamp of a batch, tracked from the converted values as they stream by. UTC values
 * without zone are ISO text, which orders like time, so only the winner is parsed.
 */
final class ModstampMax {
  private final ValueKind kind;
  private @Nullable String maxText;
  private @Nullable Instant maxInstant;

  ModstampMax(ValueKind kind) {
    this.kind = kind;
  }

  void offer(@Nullable String converted) {
    if (converted == null) return;
    if (kind == ValueKind.TIMESTAMPTZ) {
      Instant t = OffsetDateTime.parse(converted).toInstant();
      if (maxInstant == null || t.isAfter(maxInstant)) maxInstant = t;
    } else if (maxText == null || converted.compareTo(maxText) > 0) {
      maxText = converted;
    }
  }

  @Nullable Instant max() {
    if (kind == ValueKind.TIMESTAMPTZ) return maxInstant;
    return maxText == null ? null : LocalDateTime.parse(maxText).toInstant(ZoneOffset.UTC);
  }
}
