package dev.ferry.emulator.soql;

import java.util.Optional;

/** The org's schema, for the SOQL engine. Lookups are case-insensitive. */
public interface SoqlCatalog {
  Optional<SoqlObject> object(String name);
}
