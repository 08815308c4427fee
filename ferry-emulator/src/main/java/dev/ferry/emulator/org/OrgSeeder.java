package dev.ferry.emulator.org;

import java.util.List;
import java.util.Map;

/**
 * Puts an org into its initial state: the Organization record, the API user, the definition's seed
 * records and the generated data. Runs on start and on every reset, so the same options always give
 * the same ids and values.
 */
public final class OrgSeeder {
  private final OrgDefinition definition;
  private final Map<String, Integer> generate;
  private final long seed;
  private final String username;

  public OrgSeeder(
      OrgDefinition definition, Map<String, Integer> generate, long seed, String username) {
    this.definition = definition;
    this.generate = Map.copyOf(generate);
    this.seed = seed;
    this.username = username;
  }

  public OrgDefinition definition() {
    return definition;
  }

  /** Seeds an empty store and returns the identity it created. */
  public OrgIdentity seed(OrgStore store) {
    String[] ids = new String[2];
    store.bulkLoad(loader -> {
      ObjectTable orgTable = loader.table("Organization");
      ObjectTable userTable = loader.table("User");
      String orgId = loader.newId(orgTable.def());
      String userId = loader.newId(userTable.def());
      ids[0] = orgId;
      ids[1] = userId;
      loader.put(
          orgTable,
          row(
              orgTable.def(),
              orgId,
              userId,
              loader.now(),
              Map.of(
                  "Name", definition.organizationName(),
                  "InstanceName", "EMU1",
                  "IsSandbox", Boolean.FALSE,
                  "OrganizationType", "Developer Edition",
                  "LanguageLocaleKey", "en_US",
                  "DefaultLocaleSidKey", "en_US",
                  "TimeZoneSidKey", "America/Los_Angeles",
                  "Country", "US")));
      String email = username.contains("@") ? username : username + "@example.com";
      loader.put(
          userTable,
          row(
              userTable.def(),
              userId,
              userId,
              loader.now(),
              Map.ofEntries(
                  Map.entry("Username", username),
                  Map.entry("LastName", "Admin"),
                  Map.entry("FirstName", "Emulator"),
                  Map.entry("Alias", "eadmin"),
                  Map.entry("Email", email),
                  Map.entry("IsActive", Boolean.TRUE),
                  Map.entry("UserType", "Standard"),
                  Map.entry("TimeZoneSidKey", "America/Los_Angeles"),
                  Map.entry("LocaleSidKey", "en_US"),
                  Map.entry("EmailEncodingKey", "UTF-8"),
                  Map.entry("LanguageLocaleKey", "en_US"))));
    });
    String orgId = ids[0];
    String userId = ids[1];
    RecordSaver saver = new RecordSaver(userId);
    for (Map.Entry<String, List<RecordInput>> e : definition.records().entrySet()) {
      ObjectDef def = store.schema().find(e.getKey()).orElseThrow();
      for (RecordInput input : e.getValue()) {
        try {
          store.write(tx -> saver.insert(tx, def, input));
        } catch (SaveException ex) {
          throw new IllegalArgumentException(
              "seed record of "
                  + def.name()
                  + " "
                  + input.values()
                  + " refused: "
                  + ex.getMessage(),
              ex);
        }
      }
    }
    if (!generate.isEmpty()) {
      new DataGenerator(store, seed, userId).generate(generate);
    }
    String email = username.contains("@") ? username : username + "@example.com";
    return new OrgIdentity(orgId, userId, username, "Emulator Admin", email);
  }

  private static Object[] row(
      ObjectDef def, String id, String userId, java.time.Instant now, Map<String, Object> values) {
    Object[] row = new Object[def.slotCount()];
    row[0] = id;
    for (FieldDef f : def.fieldDefs()) {
      if (f.slot() < 0) {
        continue;
      }
      Object v = values.get(f.name());
      if (v == null) {
        v =
            switch (f.name()) {
              case SystemFields.CREATED_DATE,
                  SystemFields.LAST_MODIFIED_DATE,
                  SystemFields.SYSTEM_MODSTAMP ->
                  now;
              case SystemFields.CREATED_BY_ID, SystemFields.LAST_MODIFIED_BY_ID -> userId;
              default -> f.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
            };
      }
      if (f.slot() > 0) {
        row[f.slot()] = v;
      }
    }
    return row;
  }
}
