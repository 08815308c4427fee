package dev.ferry.engine.read;

import dev.ferry.core.soql.Condition;
import dev.ferry.core.soql.Soql;
import dev.ferry.engine.plan.MappingModel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The SOQL of every read: a window on the change stamp, optionally narrowed further. */
final class ReadQueries {
  private ReadQueries() {}

  static Soql select(MappingModel m, List<String> paths, Window w, @Nullable Condition extra) {
    return Soql.select(paths).from(m.objectName()).where(where(m, w, extra)).build();
  }

  static Soql count(MappingModel m, Window w, @Nullable Condition extra) {
    return Soql.count().from(m.objectName()).where(where(m, w, extra)).build();
  }

  /** The oldest change stamp in the window (to split a load's open-ended window). */
  static Soql oldest(MappingModel m, Window w) {
    return Soql.select(m.modstampField())
        .from(m.objectName())
        .where(w.condition(m.modstampField()))
        .orderBy(m.modstampField())
        .limit(1)
        .build();
  }

  /** Records that have at least one parent behind a relationship external-id column. */
  static @Nullable Condition hasParent(MappingModel m) {
    if (m.lookupFields().isEmpty()) return null;
    Condition[] parts =
        m.lookupFields().stream().map(f -> Condition.ne(f, null)).toArray(Condition[]::new);
    return parts.length == 1 ? parts[0] : Condition.or(parts);
  }

  private static Condition where(MappingModel m, Window w, @Nullable Condition extra) {
    Condition c = w.condition(m.modstampField());
    return extra == null ? c : Condition.and(c, extra);
  }
}
