package dev.ferry.salesforce.rest;

import dev.ferry.core.sf.OrgIdentity;
import dev.ferry.core.sf.OrgLimits;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.salesforce.auth.AccessToken;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.Names;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.UserInfo;
import dev.ferry.salesforce.wire.Wire;
import java.util.List;

/** Identity, describeGlobal, describe and limits. */
public final class MetadataCalls {
  private final Transport transport;
  private final String dataPath;

  public MetadataCalls(Transport transport, String dataPath) {
    this.transport = transport;
    this.dataPath = dataPath;
  }

  /** From {@code /services/oauth2/userinfo} on the instance (the login host may be elsewhere). */
  public OrgIdentity identity() {
    UserInfo info =
        transport.read(
            SfRequest.get("/services/oauth2/userinfo", CallKind.IDENTITY), Wire::userInfo);
    AccessToken token = transport.session().current();
    return new OrgIdentity(
        info.organizationId(), info.userId(), token.instanceUrl().toString(), info.username());
  }

  public List<SObjectSummary> describeGlobal() {
    return transport.read(
        SfRequest.get(dataPath + "/sobjects", CallKind.METADATA), Wire::describeGlobal);
  }

  public SObjectDescribe describe(String sobject) {
    Names.apiName(sobject, "sObject");
    return transport.read(
        SfRequest.get(dataPath + "/sobjects/" + sobject + "/describe", CallKind.METADATA)
            .sobject(sobject),
        Wire::describe);
  }

  /** The API versions the instance serves, oldest first. */
  public List<String> versions() {
    return transport.read(SfRequest.get("/services/data", CallKind.METADATA), Wire::versions);
  }

  public OrgLimits limits() {
    return transport.read(SfRequest.get(dataPath + "/limits", CallKind.LIMITS), Wire::limits);
  }
}
