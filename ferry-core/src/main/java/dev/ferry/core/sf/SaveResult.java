package dev.ferry.core.sf;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The outcome of one {@link SaveRequest}, in request order. */
public record SaveResult(
    boolean success, @Nullable String id, boolean created, List<RecordError> errors) {
  public SaveResult {
    errors = List.copyOf(errors);
  }

  public static SaveResult ok(String id, boolean created) {
    return new SaveResult(true, id, created, List.of());
  }

  public static SaveResult failed(@Nullable String id, List<RecordError> errors) {
    return new SaveResult(false, id, false, errors);
  }

  public @Nullable RecordError firstError() {
    return errors.isEmpty() ? null : errors.get(0);
  }
}
