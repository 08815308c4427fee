package dev.ferry.emulator.soql;

import java.util.List;

/** {@code SELECT COUNT() ...}: a count and no rows. */
final class CountResult implements SoqlResult {
  private final String objectName;
  private final long count;

  CountResult(String objectName, long count) {
    this.objectName = objectName;
    this.count = count;
  }

  @Override
  public String objectName() {
    return objectName;
  }

  @Override
  public List<String> columns() {
    return List.of();
  }

  @Override
  public long totalSize() {
    return count;
  }

  @Override
  public int size() {
    return 0;
  }

  @Override
  public ResultRow row(int index) {
    throw new IndexOutOfBoundsException("a COUNT() query has no rows; index " + index);
  }

  @Override
  public List<Object> flatRow(int index) {
    throw new IndexOutOfBoundsException("a COUNT() query has no rows; index " + index);
  }
}
