package dev.ferry.salesforce.rest;

import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.Wire;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Tooling API calls: selecting an object for Change Data Capture, which is a {@code
 * PlatformEventChannelMember} of the standard {@code ChangeEvents} channel.
 */
public final class ToolingCalls {
  private final Transport transport;
  private final String dataPath;

  public ToolingCalls(Transport transport, String dataPath) {
    this.transport = transport;
    this.dataPath = dataPath;
  }

  /** Selects the object; true when it is selected now (an existing member counts). */
  public boolean selectForChangeEvents(String objectName) {
    String entity = changeEventEntity(objectName);
    byte[] body =
        Wire.writeJson(
            Map.of(
                "FullName",
                "ChangeEvents_" + entity,
                "Metadata",
                Map.of("eventChannel", "ChangeEvents", "selectedEntity", entity)));
    try {
      transport.discard(
          SfRequest.json(
                  "POST",
                  dataPath + "/tooling/sobjects/PlatformEventChannelMember",
                  body,
                  CallKind.TOOLING)
              .sobject(objectName));
      return true;
    } catch (SalesforceRequestException e) {
      String code = e.salesforceError().errorCode();
      if (code != null && code.startsWith("DUPLICATE")) return true;
      throw e;
    }
  }

  /**
   * Whether the object is selected for Change Data Capture on the standard channel: a Tooling API
   * query of {@code PlatformEventChannelMember}. Empty when the org does not answer it (no Tooling
   * API access): then only the stream itself can tell.
   */
  public Optional<Boolean> isSelected(String objectName) {
    String entity = changeEventEntity(objectName);
    String soql = "SELECT SelectedEntity, EventChannel FROM PlatformEventChannelMember";
    JsonNode answer;
    try {
      answer =
          transport.read(
              SfRequest.get(
                      dataPath
                          + "/tooling/query?q="
                          + URLEncoder.encode(soql, StandardCharsets.UTF_8),
                      CallKind.TOOLING)
                  .sobject(objectName),
              Wire::tree);
    } catch (SalesforceRequestException e) {
      return Optional.empty();
    }
    for (JsonNode r : answer.path("records")) {
      String selected = r.path("SelectedEntity").asString("");
      String channel = r.path("EventChannel").asString("");
      boolean standard =
          channel.isEmpty() || channel.toLowerCase(Locale.ROOT).contains("changeevents");
      if (selected.equalsIgnoreCase(entity) && standard) return Optional.of(true);
    }
    return Optional.of(false);
  }

  /**
   * {@code Account} → {@code AccountChangeEvent}; {@code Invoice__c} → {@code
   * Invoice__ChangeEvent}.
   */
  static String changeEventEntity(String objectName) {
    String base =
        objectName.endsWith("__c") ? objectName.substring(0, objectName.length() - 1) : objectName;
    return base + "ChangeEvent";
  }
}
