package dev.ferry.testkit.sf;

import dev.ferry.core.sf.ChildRelationship;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Small, realistic describes for tests that need an object's metadata without an org: Account and
 * Contact shaped like Salesforce's (standard fields, an address, an external id), plus a builder
 * for anything else.
 */
public final class Describes {
  private Describes() {}

  /** Starts a describe of {@code object} with Id, IsDeleted, SystemModstamp and CreatedDate. */
  public static Builder object(String object) {
    return new Builder(object)
        .field(f("Id", FieldType.ID, 18).idLookup())
        .field(f("IsDeleted", FieldType.BOOLEAN, 0))
        .field(f("SystemModstamp", FieldType.DATETIME, 0))
        .field(f("CreatedDate", FieldType.DATETIME, 0));
  }

  /**
   * Account with Name, Industry, AnnualRevenue, NumberOfEmployees, BillingAddress, External_Id__c.
   */
  public static SObjectDescribe account() {
    return object("Account")
        .field(f("Name", FieldType.STRING, 255).required())
        .field(f("Industry", FieldType.PICKLIST, 40))
        .field(f("AnnualRevenue", FieldType.CURRENCY, 0).precision(18, 0))
        .field(f("NumberOfEmployees", FieldType.INT, 0))
        .field(f("Description", FieldType.TEXTAREA, 32000))
        .address("BillingAddress", "Billing")
        .field(f("External_Id__c", FieldType.STRING, 100).externalId().unique())
        .build();
  }

  /** Contact with names, Email, Phone, Birthdate, AccountId (→ Account), MailingAddress, UUID. */
  public static SObjectDescribe contact() {
    return object("Contact")
        .field(f("FirstName", FieldType.STRING, 40))
        .field(f("LastName", FieldType.STRING, 80).required())
        .field(f("Name", FieldType.STRING, 121))
        .field(f("Email", FieldType.EMAIL, 80))
        .field(f("Phone", FieldType.PHONE, 40))
        .field(f("Birthdate", FieldType.DATE, 0))
        .field(f("HasOptedOutOfEmail", FieldType.BOOLEAN, 0))
        .field(f("Score__c", FieldType.DOUBLE, 0).precision(16, 2))
        .field(f("Level__c", FieldType.MULTIPICKLIST, 4099))
        .field(f("AccountId", FieldType.REFERENCE, 18).reference("Account", "Account"))
        .address("MailingAddress", "Mailing")
        .field(f("Contact_UUID__c", FieldType.STRING, 36).externalId().unique())
        .build();
  }

  public static FieldBuilder f(String name, FieldType type, int length) {
    return new FieldBuilder(name, type, length);
  }

  public static final class Builder {
    private final String name;
    private final List<FieldDescribe> fields = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder field(FieldBuilder f) {
      fields.add(f.build());
      return this;
    }

    /** Removes a field (e.g. to model an object without SystemModstamp). */
    public Builder without(String field) {
      fields.removeIf(f -> f.name().equalsIgnoreCase(field));
      return this;
    }

    /** A compound address {@code <prefix>Address} and its components. */
    public Builder address(String compound, String prefix) {
      fields.add(f(compound, FieldType.ADDRESS, 0).build());
      fields.add(f(prefix + "Street", FieldType.TEXTAREA, 255).compound(compound).build());
      fields.add(f(prefix + "City", FieldType.STRING, 40).compound(compound).build());
      fields.add(f(prefix + "State", FieldType.STRING, 80).compound(compound).build());
      fields.add(f(prefix + "PostalCode", FieldType.STRING, 20).compound(compound).build());
      fields.add(f(prefix + "Country", FieldType.STRING, 80).compound(compound).build());
      fields.add(
          f(prefix + "Latitude", FieldType.DOUBLE, 0).precision(18, 15).compound(compound).build());
      fields.add(
          f(prefix + "Longitude", FieldType.DOUBLE, 0)
              .precision(18, 15)
              .compound(compound)
              .build());
      fields.add(f(prefix + "GeocodeAccuracy", FieldType.PICKLIST, 40).compound(compound).build());
      return this;
    }

    public SObjectDescribe build() {
      String prefix = name.length() >= 3 ? name.substring(0, 3) : name;
      return new SObjectDescribe(
          new SObjectSummary(
              name, name, prefix, name.endsWith("__c"), true, true, true, true, true),
          fields,
          List.<ChildRelationship>of());
    }
  }

  public static final class FieldBuilder {
    private final String name;
    private final FieldType type;
    private final int length;
    private int precision;
    private int scale;
    private boolean nillable = true;
    private boolean externalId;
    private boolean idLookup;
    private boolean unique;
    private boolean calculated;
    private List<String> referenceTo = List.of();
    private @Nullable String relationshipName;
    private @Nullable String compound;

    private FieldBuilder(String name, FieldType type, int length) {
      this.name = name;
      this.type = type;
      this.length = length;
    }

    public FieldBuilder precision(int p, int s) {
      precision = p;
      scale = s;
      return this;
    }

    public FieldBuilder required() {
      nillable = false;
      return this;
    }

    public FieldBuilder externalId() {
      externalId = true;
      idLookup = true;
      return this;
    }

    public FieldBuilder idLookup() {
      idLookup = true;
      return this;
    }

    public FieldBuilder unique() {
      unique = true;
      return this;
    }

    public FieldBuilder calculated() {
      calculated = true;
      return this;
    }

    public FieldBuilder reference(String relationship, String... to) {
      relationshipName = relationship;
      referenceTo = List.of(to);
      return this;
    }

    public FieldBuilder compound(String compoundName) {
      compound = compoundName;
      return this;
    }

    public FieldDescribe build() {
      boolean system =
          name.equals("Id")
              || name.equals("IsDeleted")
              || name.equals("SystemModstamp")
              || name.equals("CreatedDate");
      return new FieldDescribe(
          name,
          name,
          type,
          length,
          precision,
          scale,
          0,
          nillable && !name.equals("Id"),
          !system && !calculated,
          !system && !calculated,
          system,
          externalId,
          idLookup,
          unique,
          calculated,
          false,
          referenceTo,
          relationshipName,
          compound,
          null,
          List.of());
    }
  }
}
