package dev.ferry.emulator.org;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Values of compound fields (address, geolocation), computed from their component fields. */
public final class CompoundValues {
  private CompoundValues() {}

  /** An address as REST returns it (keys in the alphabetical order real orgs use). */
  public record Address(
      @Nullable String city,
      @Nullable String country,
      @Nullable String countryCode,
      @Nullable String geocodeAccuracy,
      @Nullable BigDecimal latitude,
      @Nullable BigDecimal longitude,
      @Nullable String postalCode,
      @Nullable String state,
      @Nullable String stateCode,
      @Nullable String street) {}

  /** A geolocation as REST returns it. */
  public record Location(@Nullable BigDecimal latitude, @Nullable BigDecimal longitude) {}

  /**
   * The role of a component within its compound field: the component's name without the compound
   * prefix ({@code BillingStreet} in {@code BillingAddress} → {@code Street}; {@code
   * Geo__Latitude__s} in {@code Geo__c} → {@code Latitude}).
   */
  static String role(FieldDef compound, FieldDef part) {
    String name = part.name();
    if (compound.type() == FieldType.LOCATION) {
      String base =
          compound.name().endsWith("__c") ? stripSuffix(compound.name()) : compound.name();
      String rest = name.startsWith(base) ? name.substring(base.length()) : name;
      rest = rest.replace("__s", "").replace("__c", "");
      return rest.startsWith("__") ? rest.substring(2) : rest;
    }
    String prefix =
        compound.name().endsWith("Address") ? compound.name().replace("Address", "") : "";
    String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return stripSuffix(rest);
  }

  private static String stripSuffix(String n) {
    return n.endsWith("__c") || n.endsWith("__s") ? n.substring(0, n.length() - 3) : n;
  }

  /** Builds the compound value from component values keyed by role; null when all are null. */
  static @Nullable Object compose(FieldDef compound, Map<String, @Nullable Object> byRole) {
    boolean any = false;
    for (Object v : byRole.values()) {
      if (v != null) {
        any = true;
        break;
      }
    }
    if (!any) {
      return null;
    }
    if (compound.type() == FieldType.LOCATION) {
      return new Location(dec(byRole.get("Latitude")), dec(byRole.get("Longitude")));
    }
    return new Address(
        str(byRole.get("City")),
        str(byRole.get("Country")),
        str(byRole.get("CountryCode")),
        str(byRole.get("GeocodeAccuracy")),
        dec(byRole.get("Latitude")),
        dec(byRole.get("Longitude")),
        str(byRole.get("PostalCode")),
        str(byRole.get("State")),
        str(byRole.get("StateCode")),
        str(byRole.get("Street")));
  }

  private static @Nullable String str(@Nullable Object o) {
    return o == null ? null : o.toString();
  }

  private static @Nullable BigDecimal dec(@Nullable Object o) {
    return o instanceof BigDecimal b ? b : null;
  }
}
