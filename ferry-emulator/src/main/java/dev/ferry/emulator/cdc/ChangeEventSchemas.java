package dev.ferry.emulator.cdc;

import dev.ferry.emulator.org.ObjectDef;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Change event schemas by object definition (a schema change gives a new definition, so a new
 * schema and id), and every schema JSON ever used by id: old ids stay servable through GetSchema,
 * as events made before a schema change still name them.
 */
final class ChangeEventSchemas {
  private final Map<ObjectDef, ChangeEventSchema> byDef = new ConcurrentHashMap<>();
  private final Map<String, String> jsonById = new ConcurrentHashMap<>();

  ChangeEventSchema of(ObjectDef def) {
    return byDef.computeIfAbsent(
        def,
        d -> {
          ChangeEventSchema s = ChangeEventSchema.of(d);
          jsonById.putIfAbsent(s.schemaId(), s.json());
          return s;
        });
  }

  Optional<String> json(String schemaId) {
    return Optional.ofNullable(jsonById.get(schemaId));
  }
}
