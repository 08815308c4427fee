package dev.ferry.core.control;

import dev.ferry.core.id.MappingId;
import java.util.List;

/** The checks of one mapping. */
public record MappingDiagnosis(MappingId mapping, String objectName, List<Check> checks) {
  public MappingDiagnosis {
    checks = List.copyOf(checks);
  }
}
