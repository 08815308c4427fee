package dev.ferry.core.sf;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record to write. Values are typed Java values: String, Boolean, Long/Integer, BigDecimal,
 * Double, java.time.LocalDate, java.time.Instant, java.time.LocalTime, {@link ExternalRef}, or null
 * (clear the field). For UPDATE and DELETE, id is required; for UPSERT the external id field's
 * value must be among the fields.
 */
public record SaveRequest(
    String sobject, @Nullable String id, Map<String, @Nullable Object> fields) {
  public SaveRequest {
    Objects.requireNonNull(sobject, "sobject");
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  public static SaveRequest delete(String sobject, String id) {
    return new SaveRequest(sobject, id, Map.of());
  }
}
