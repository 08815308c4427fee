package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlField;
import dev.ferry.emulator.soql.SoqlRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One version of a stored record: its table and a value array indexed by field slot (slot 0 is Id).
 * Immutable — an update stores a new StoredRecord — so query results and Bulk result pages that
 * hold references see a consistent snapshot.
 */
public final class StoredRecord implements SoqlRow {
  private final ObjectTable table;
  private final Object[] values;

  StoredRecord(ObjectTable table, Object[] values) {
    this.table = table;
    this.values = values;
  }

  @Override
  public String id() {
    return (String) values[0];
  }

  @Override
  public String objectName() {
    return table.name();
  }

  public ObjectTable table() {
    return table;
  }

  public ObjectDef def() {
    return table.def();
  }

  @Override
  public boolean isDeleted() {
    int slot = table.def().isDeletedSlot();
    return slot >= 0 && values[slot] == Boolean.TRUE;
  }

  @Override
  public @Nullable Object get(SoqlField field) {
    FieldDef def = table.def().fieldDef(field);
    return def == null ? null : get(def);
  }

  /** A field's value: stored, or computed for formulas and compound fields. */
  public @Nullable Object get(FieldDef field) {
    int slot = field.slot();
    if (slot >= 0) {
      return slot < values.length ? values[slot] : null;
    }
    if (field.type().isCompound()) {
      Map<String, Object> byRole = new HashMap<>();
      for (Map.Entry<String, FieldDef> part : table.def().compoundParts(field).entrySet()) {
        byRole.put(part.getKey(), get(part.getValue()));
      }
      return CompoundValues.compose(field, byRole);
    }
    String formula = field.formula();
    if (formula != null) {
      Object raw =
          Formula.compile(formula)
              .evaluate(name -> {
                FieldDef ref = table.def().fieldDefExact(name);
                return ref == null || ref == field ? null : get(ref);
              });
      return coerceFormulaResult(field, raw);
    }
    return null;
  }

  /** The raw stored value by slot (no computation). */
  @Nullable Object slotValue(int slot) {
    return slot < values.length ? values[slot] : null;
  }

  /** A copy of the value array, sized for the current schema, for building the next version. */
  Object[] copyValues() {
    Object[] copy = new Object[Math.max(values.length, table.def().slotCount())];
    System.arraycopy(values, 0, copy, 0, values.length);
    return copy;
  }

  private static @Nullable Object coerceFormulaResult(FieldDef field, @Nullable Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (field.type()) {
      case DOUBLE, CURRENCY, PERCENT -> {
        BigDecimal n = raw instanceof BigDecimal b ? b : parseDecimal(raw.toString());
        yield n == null ? null : n.setScale(field.scale(), RoundingMode.HALF_UP);
      }
      case INT -> {
        BigDecimal n = raw instanceof BigDecimal b ? b : parseDecimal(raw.toString());
        yield n == null ? null : n.setScale(0, RoundingMode.HALF_UP).intValue();
      }
      case BOOLEAN -> raw instanceof Boolean ? raw : Boolean.parseBoolean(raw.toString());
      case STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL ->
          raw instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : raw.toString();
      default -> raw;
    };
  }

  private static @Nullable BigDecimal parseDecimal(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return table.name() + "/" + id();
  }
}
