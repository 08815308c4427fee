package dev.ferry.salesforce.rest;

import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.Wire;
import java.util.Map;

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
   * {@code Account} → {@code AccountChangeEvent}; {@code Invoice__c} → {@code
   * Invoice__ChangeEvent}.
   */
  static String changeEventEntity(String objectName) {
    String base =
        objectName.endsWith("__c") ? objectName.substring(0, objectName.length() - 1) : objectName;
    return base + "ChangeEvent";
  }
}
