package dev.ferry.core.sf;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What to create a Bulk API 2.0 ingest job for. externalIdField is required for UPSERT. */
public record IngestSpec(
    String object, IngestOperation operation, @Nullable String externalIdField) {
  public IngestSpec {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(operation, "operation");
    if (operation == IngestOperation.UPSERT && externalIdField == null) {
      throw new IllegalArgumentException(
          "upsert ingest job for " + object + " needs an external id field");
    }
  }
}
