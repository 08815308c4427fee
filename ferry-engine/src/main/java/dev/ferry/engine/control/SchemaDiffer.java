package dev.ferry.engine.control;

import dev.ferry.core.control.SchemaDiff;
import dev.ferry.core.control.SchemaDiff.MappingDiff;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.connect.SalesforceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Heroku Connect's schema diff: each mapped object is described at the connection's API version and
 * at the target version (through a second client at that version), and each mapped field is
 * compared. A field gone or with another type at the target is unsafe; a field that changes length,
 * precision or scale, or appears, has changed; an object that cannot be described leaves the action
 * undetermined.
 */
final class SchemaDiffer {
  static final Pattern VERSION = Pattern.compile("[1-9][0-9]\\.0");

  private final SalesforceClients clients;

  SchemaDiffer(SalesforceClients clients) {
    this.clients = clients;
  }

  SchemaDiff diff(Connection c, List<Mapping> mappings, String target) {
    if (target == null || !VERSION.matcher(target).matches()) {
      throw new ConfigException("target_version must look like 61.0, got '" + target + "'");
    }
    SalesforceApi current = clients.forConnection(c);
    String currentVersion = current.apiVersion();
    if (major(target) < major(currentVersion)) {
      throw new ConfigException(
          "target_version "
              + target
              + " is older than the connection's API version "
              + currentVersion
              + "; downgrades are not supported");
    }
    List<String> served = current.versions();
    if (!served.contains(target)) {
      throw new ConfigException(
          "Salesforce does not serve API version "
              + target
              + " for this org (served: "
              + (served.isEmpty() ? "none" : served.getFirst() + " to " + served.getLast())
              + ")");
    }
    SalesforceApi other = clients.openAtVersion(c, target);
    try {
      List<MappingDiff> out = new ArrayList<>();
      for (Mapping m : mappings) out.add(diff(m, current, currentVersion, other, target));
      return new SchemaDiff(currentVersion, target, UUID.randomUUID().toString(), out);
    } finally {
      SalesforceClients.closeQuietly(other);
    }
  }

  private static MappingDiff diff(
      Mapping m, SalesforceApi current, String currentVersion, SalesforceApi other, String target) {
    SObjectDescribe before;
    SObjectDescribe after;
    try {
      before = current.describe(m.objectName());
    } catch (RuntimeException e) {
      return undetermined(m, currentVersion, e);
    }
    try {
      after = other.describe(m.objectName());
    } catch (RuntimeException e) {
      return undetermined(m, target, e);
    }
    List<String> changes = new ArrayList<>();
    boolean unsafe = false;
    for (String name : m.config().fields()) {
      Optional<FieldDescribe> a = before.field(name);
      Optional<FieldDescribe> b = after.field(name);
      if (b.isEmpty()) {
        if (a.isPresent()) {
          changes.add(name + " is not available at version " + target);
          unsafe = true;
        } else {
          changes.add(name + " is missing at both versions (deleted in Salesforce)");
          unsafe = true;
        }
        continue;
      }
      if (a.isEmpty()) {
        changes.add(name + " appears at version " + target);
        continue;
      }
      FieldDescribe x = a.get();
      FieldDescribe y = b.get();
      if (x.type() != y.type()) {
        changes.add(name + " changes type from " + x.type() + " to " + y.type());
        unsafe = true;
      }
      if (x.length() != y.length()) {
        changes.add(name + " changes length from " + x.length() + " to " + y.length());
        if (y.length() < x.length()) unsafe = true;
      }
      if (x.precision() != y.precision() || x.scale() != y.scale()) {
        changes.add(
            name
                + " changes precision/scale from "
                + x.precision()
                + "/"
                + x.scale()
                + " to "
                + y.precision()
                + "/"
                + y.scale());
      }
    }
    String message;
    if (unsafe) message = "Action required: " + String.join("; ", changes);
    else if (!changes.isEmpty()) message = "No action required: " + String.join("; ", changes);
    else message = "No action required";
    return new MappingDiff(m.objectName(), !changes.isEmpty(), unsafe, false, message, changes);
  }

  private static MappingDiff undetermined(Mapping m, String version, RuntimeException e) {
    return new MappingDiff(
        m.objectName(),
        false,
        false,
        true,
        "Action undetermined: could not describe "
            + m.objectName()
            + " at version "
            + version
            + ": "
            + e.getMessage(),
        List.of());
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version.substring(0, version.indexOf('.')));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
