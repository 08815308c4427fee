package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlData;
import dev.ferry.emulator.soql.SoqlRow;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** No records at all: validates a query's names without evaluating it over real data. */
public enum SoqlNoData implements SoqlData {
  INSTANCE;

  @Override
  public Collection<? extends SoqlRow> rows(String objectName, boolean includeDeleted) {
    return List.of();
  }

  @Override
  public Optional<? extends SoqlRow> byId(String id) {
    return Optional.empty();
  }

  @Override
  public Collection<? extends SoqlRow> children(
      String childObject, String field, String parentId, boolean includeDeleted) {
    return List.of();
  }
}
