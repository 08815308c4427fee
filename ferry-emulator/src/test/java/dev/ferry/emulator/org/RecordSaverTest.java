package dev.ferry.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.emulator.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordSaverTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00.123Z"));
  private OrgStore store;
  private RecordSaver saver;
  private Schema schema;

  @BeforeEach
  void setUp() {
    OrgDefinition def = OrgDefinition.defaultOrg();
    schema = def.schema();
    store = new OrgStore(schema, clock, new IdGenerator(42));
    OrgIdentity id = new OrgSeeder(def, Map.of(), 42, "admin@example.com").seed(store);
    saver = new RecordSaver(id.userId());
  }

  private ObjectDef obj(String name) {
    return store.schema().find(name).orElseThrow();
  }

  private static RecordInput in(Object... kv) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new RecordInput(m, false);
  }

  private String insert(String object, Object... kv) {
    return store.write(tx -> saver.insert(tx, obj(object), in(kv))).id();
  }

  private SaveError refused(String object, Object... kv) {
    try {
      insert(object, kv);
    } catch (SaveException e) {
      return e.error();
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void insertSetsServerFieldsInWholeSeconds() {
    String id = insert("Account", "Name", "Acme", "AnnualRevenue", new BigDecimal("1000"));
    StoredRecord r = store.find(id);
    Instant whole = Instant.parse("2024-05-01T10:00:00Z");
    assertThat(r.get(obj("Account").fieldDef("CreatedDate").orElseThrow())).isEqualTo(whole);
    assertThat(r.get(obj("Account").fieldDef("SystemModstamp").orElseThrow())).isEqualTo(whole);
    assertThat(r.get(obj("Account").fieldDef("OwnerId").orElseThrow())).isNotNull();
    assertThat(r.get(obj("Account").fieldDef("Is_Key_Account__c").orElseThrow()))
        .isEqualTo(Boolean.FALSE);
    assertThat(id).startsWith("001").hasSize(18);
  }

  @Test
  void fieldLevelValidationUsesSalesforceCodes() {
    assertThat(refused("Account").statusCode()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(refused("Account").fields()).containsExactly("Name");
    assertThat(refused("Account", "Name", "x".repeat(256)).statusCode())
        .isEqualTo("STRING_TOO_LONG");
    assertThat(refused("Account", "Name", "x", "Rating", "Lukewarm").statusCode())
        .isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    assertThat(refused("Contact", "LastName", "x", "Email", "not-an-email").statusCode())
        .isEqualTo("INVALID_EMAIL_ADDRESS");
    assertThat(refused("Account", "Name", "x", "CreatedDate", "2024-01-01T00:00:00Z").statusCode())
        .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
    assertThat(refused("Account", "Name", "x", "Nope__c", "1").statusCode())
        .isEqualTo("INVALID_FIELD");
    assertThat(refused("Account", "Name", "x", "NumberOfEmployees", "many").statusCode())
        .isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
    assertThat(
            refused("Account", "Name", "x", "Health_Score__c", new BigDecimal("1234")).statusCode())
        .isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
    assertThat(refused("Contact", "LastName", "x", "AccountId", "001000000000000").statusCode())
        .isEqualTo("INVALID_CROSS_REFERENCE_KEY");
    assertThat(refused("Contact", "LastName", "x", "AccountId", "garbage").statusCode())
        .isEqualTo("MALFORMED_ID");
    String contact = insert("Contact", "LastName", "c");
    assertThat(refused("Contact", "LastName", "x", "AccountId", contact).statusCode())
        .isEqualTo("FIELD_INTEGRITY_EXCEPTION");
  }

  @Test
  void uniqueExternalIdsAreCaseInsensitive() {
    String first = insert("Account", "Name", "A", "External_Id__c", "X-1");
    SaveError e = refused("Account", "Name", "B", "External_Id__c", "x-1");
    assertThat(e.statusCode()).isEqualTo("DUPLICATE_VALUE");
    assertThat(e.message()).contains(first);
  }

  @Test
  void relationshipsResolveByExternalId() {
    String acct = insert("Account", "Name", "A", "External_Id__c", "EXT-9");
    String c = insert("Contact", "LastName", "L", "Account", Map.of("External_Id__c", "EXT-9"));
    assertThat(store.find(c).get(obj("Contact").fieldDef("AccountId").orElseThrow()))
        .isEqualTo(acct);
    assertThat(
            refused("Contact", "LastName", "L", "Account", Map.of("External_Id__c", "NOPE"))
                .message())
        .isEqualTo(
            "Foreign key external ID: NOPE not found for field External_Id__c in entity Account");
    assertThat(
            refused(
                    "Lead",
                    "LastName",
                    "L",
                    "Company",
                    "C",
                    "Owner",
                    Map.of("Username", "admin@example.com"))
                .message())
        .contains("attributes.type");
    String lead =
        insert(
            "Lead",
            "LastName",
            "L",
            "Company",
            "C",
            "Owner",
            Map.of("attributes", Map.of("type", "User"), "Username", "admin@example.com"));
    assertThat(store.find(lead)).isNotNull();
  }

  @Test
  void upsertCreatesThenUpdatesAndBumpsSystemModstamp() {
    ObjectDef a = obj("Account");
    FieldDef key = a.fieldDef("External_Id__c").orElseThrow();
    RecordSaver.Saved created =
        store.write(tx -> saver.upsert(tx, a, key, in("External_Id__c", "K1", "Name", "One")));
    assertThat(created.created()).isTrue();
    clock.advance(Duration.ofMinutes(5));
    RecordSaver.Saved updated =
        store.write(tx -> saver.upsert(tx, a, key, in("External_Id__c", "k1", "Name", "Two")));
    assertThat(updated.created()).isFalse();
    assertThat(updated.id()).isEqualTo(created.id());
    StoredRecord r = store.find(created.id());
    assertThat(r.get(a.fieldDef("Name").orElseThrow())).isEqualTo("Two");
    assertThat(r.get(a.fieldDef("SystemModstamp").orElseThrow()))
        .isEqualTo(Instant.parse("2024-05-01T10:05:00Z"));
    assertThat(r.get(a.fieldDef("CreatedDate").orElseThrow()))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void deleteGoesToTheRecycleBinAndCascades() {
    String acct = insert("Account", "Name", "A");
    String contact = insert("Contact", "LastName", "c", "AccountId", acct);
    String invoice = insert("Invoice__c", "Name", "I", "Account__c", acct);
    clock.advance(Duration.ofMinutes(1));
    store.write(tx -> saver.delete(tx, obj("Account"), acct, false));
    assertThat(store.find(acct).isDeleted()).isTrue();
    assertThat(store.find(contact).isDeleted()).as("contacts cascade").isTrue();
    assertThat(store.find(invoice).isDeleted()).as("lookups are cleared, not deleted").isFalse();
    assertThat(store.find(invoice).get(obj("Invoice__c").fieldDef("Account__c").orElseThrow()))
        .isNull();
    assertThat(store.rows("Account", false)).extracting(StoredRecord::id).doesNotContain(acct);
    assertThat(store.rows("Account", true)).extracting(StoredRecord::id).contains(acct);
    var window =
        store.deletedBetween(
            "Contact",
            Instant.parse("2024-05-01T00:00:00Z"),
            Instant.parse("2024-05-02T00:00:00Z"));
    assertThat(window.deleted()).extracting(Tombstone::id).containsExactly(contact);
    assertThatThrownBy(
            () -> store.write(tx -> saver.update(tx, obj("Account"), acct, in("Name", "B"))))
        .isInstanceOf(SaveException.class)
        .extracting(e -> ((SaveException) e).error().statusCode())
        .isEqualTo("ENTITY_IS_DELETED");
  }

  @Test
  void savepointsUndoOneRecordAndRollbackUndoesAll() {
    store.write(tx -> {
      saver.insert(tx, obj("Account"), in("Name", "kept", "External_Id__c", "S1"));
      int sp = tx.savepoint();
      saver.insert(tx, obj("Account"), in("Name", "undone", "External_Id__c", "S2"));
      tx.rollbackTo(sp);
      return null;
    });
    assertThat(names("Account")).contains("kept").doesNotContain("undone");
    // the undone record's unique value is free again
    insert("Account", "Name", "again", "External_Id__c", "S2");
    assertThatThrownBy(() ->
            store.write(tx -> {
              saver.insert(tx, obj("Account"), in("Name", "gone"));
              throw new IllegalStateException("boom");
            }))
        .hasMessage("boom");
    assertThat(names("Account")).doesNotContain("gone");
  }

  @Test
  void lateCommitsStayInvisibleUntilTheirTime() {
    String id =
        store.writeLate(
            Duration.ofSeconds(30),
            tx -> saver.insert(tx, obj("Contact"), in("LastName", "Late")).id());
    store.promoteDueCommits();
    assertThat(store.find(id)).isNull();
    assertThat(store.oldestPendingModstamp()).contains(Instant.parse("2024-05-01T10:00:00Z"));
    clock.advance(Duration.ofSeconds(31));
    store.promoteDueCommits();
    StoredRecord r = store.find(id);
    assertThat(r).isNotNull();
    assertThat(r.get(obj("Contact").fieldDef("SystemModstamp").orElseThrow()))
        .as("the modstamp of the original write, in the past by now")
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(store.oldestPendingModstamp()).isEmpty();
  }

  @Test
  void derivedFieldsAreComputedOnRead() {
    String id =
        insert(
            "Account",
            "Name",
            "A",
            "AnnualRevenue",
            new BigDecimal("1000000"),
            "NumberOfEmployees",
            8,
            "BillingCity",
            "Paris",
            "BillingCountry",
            "France");
    StoredRecord r = store.find(id);
    ObjectDef a = obj("Account");
    assertThat((BigDecimal) r.get(a.fieldDef("Revenue_Per_Employee__c").orElseThrow()))
        .isEqualByComparingTo("125000");
    CompoundValues.Address addr =
        (CompoundValues.Address) r.get(a.fieldDef("BillingAddress").orElseThrow());
    assertThat(addr.city()).isEqualTo("Paris");
    assertThat(addr.country()).isEqualTo("France");
    assertThat(r.get(a.fieldDef("ShippingAddress").orElseThrow())).isNull();
    String c =
        insert("Contact", "FirstName", "Ada", "LastName", "Lovelace", "Birthdate", "1815-12-10");
    assertThat(store.find(c).get(obj("Contact").fieldDef("Name").orElseThrow()))
        .isEqualTo("Ada Lovelace");
    assertThat(store.find(c).get(obj("Contact").fieldDef("Birthdate").orElseThrow()))
        .isEqualTo(LocalDate.of(1815, 12, 10));
  }

  @Test
  void schemaChangesKeepStoredValuesAligned() {
    String id = insert("Account", "Name", "A", "Phone", "123");
    store.addField("Account", FieldDef.builder("Tier__c", FieldType.STRING).length(10).build());
    String id2 = insert("Account", "Name", "B", "Tier__c", "gold");
    ObjectDef a = obj("Account");
    assertThat(store.find(id).get(a.fieldDef("Tier__c").orElseThrow())).isNull();
    assertThat(store.find(id2).get(a.fieldDef("Tier__c").orElseThrow())).isEqualTo("gold");
    store.removeField("Account", "Phone");
    assertThat(obj("Account").fieldDef("Phone")).isEmpty();
    assertThat(store.find(id2).get(obj("Account").fieldDef("Tier__c").orElseThrow()))
        .isEqualTo("gold");
  }

  @Test
  void generatedDataIsDeterministicAndLinked() {
    OrgStore other = new OrgStore(schema, clock, new IdGenerator(42));
    OrgIdentity id =
        new OrgSeeder(
                OrgDefinition.defaultOrg(),
                Map.of("Account", 20, "Contact", 200),
                7,
                "admin@example.com")
            .seed(other);
    OrgStore same = new OrgStore(schema, clock, new IdGenerator(42));
    new OrgSeeder(
            OrgDefinition.defaultOrg(),
            Map.of("Account", 20, "Contact", 200),
            7,
            "admin@example.com")
        .seed(same);
    List<StoredRecord> a = List.copyOf(other.rows("Contact", false));
    List<StoredRecord> b = List.copyOf(same.rows("Contact", false));
    assertThat(a).hasSize(200);
    FieldDef email = other.schema().find("Contact").orElseThrow().fieldDef("Email").orElseThrow();
    FieldDef account =
        other.schema().find("Contact").orElseThrow().fieldDef("AccountId").orElseThrow();
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).id()).isEqualTo(b.get(i).id());
      assertThat(a.get(i).get(email)).isEqualTo(b.get(i).get(email));
      Object parent = a.get(i).get(account);
      if (parent != null) {
        assertThat(other.byId((String) parent)).isPresent();
      }
    }
    assertThat(id.userId()).startsWith("005");
  }

  private List<Object> names(String object) {
    FieldDef name = obj(object).fieldDef("Name").orElseThrow();
    return store.rows(object, false).stream().map(r -> r.get(name)).toList();
  }
}
