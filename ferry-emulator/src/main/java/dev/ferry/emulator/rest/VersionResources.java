package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.server.EmulatorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Versions, the per-version resource map, and limits. */
public final class VersionResources {
  private final EmulatorContext ctx;

  public VersionResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add("GET", "/services/data", EndpointClass.OTHER, Access.PUBLIC, this::versions);
    r.add("GET", "/services/data/{version}", EndpointClass.OTHER, Access.API, this::resources);
    r.add("GET", "/services/data/{version}/limits", EndpointClass.OTHER, Access.API, this::limits);
    r.add(
        "GET",
        "/services/data/{version}/limits/recordCount",
        EndpointClass.OTHER,
        Access.API,
        this::recordCount);
  }

  private void versions(Exchange ex) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ApiVersion v : ApiVersion.supported()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", v.label());
      m.put("url", v.base());
      m.put("version", v.number());
      out.add(m);
    }
    ex.json(200, out);
  }

  private void resources(Exchange ex) {
    String b = ex.version().base();
    Map<String, Object> m = new LinkedHashMap<>();
    for (String name :
        List.of(
            "tooling",
            "metadata",
            "eclair",
            "folders",
            "prechatForms",
            "chatter",
            "tabs",
            "appMenu",
            "quickActions",
            "queryAll",
            "commerce",
            "wave",
            "iot",
            "analytics",
            "search",
            "smartdatadiscovery",
            "identity",
            "composite",
            "parameterizedSearch",
            "fingerprint",
            "theme",
            "nouns",
            "domino",
            "event",
            "serviceTemplates",
            "recent",
            "connect",
            "licensing",
            "limits",
            "process",
            "async-queries",
            "query",
            "match",
            "emailConnect",
            "compactLayouts",
            "knowledgeManagement",
            "sobjects",
            "actions",
            "support",
            "jobs")) {
      m.put(name, name.equals("identity") ? IdentityResources.identityUrl(ctx) : b + "/" + name);
    }
    ex.json(200, m);
  }

  private void limits(Exchange ex) {
    long max = ctx.apiUsage().limit();
    long remaining = ctx.apiUsage().remaining();
    var bulk = ctx.bulk().controls();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ActiveScratchOrgs", limit(3, 3));
    m.put("AnalyticsExternalDataSizeMB", limit(40960, 40960));
    m.put("ConcurrentAsyncGetReportInstances", limit(200, 200));
    m.put("ConcurrentEinsteinDataInsightsStoryCreation", limit(5, 5));
    m.put("ConcurrentEinsteinDiscoveryStoryCreation", limit(2, 2));
    m.put("ConcurrentSyncReportRuns", limit(20, 20));
    m.put("DailyAnalyticsDataflowJobExecutions", limit(60, 60));
    m.put("DailyApiRequests", limit(max, remaining));
    m.put("DailyAsyncApexExecutions", limit(250000, 250000));
    m.put("DailyAsyncApexTests", limit(500, 500));
    m.put("DailyBulkApiBatches", limit(15000, 15000));
    m.put("DailyBulkV2QueryFileStorageMB", limit(976562, 976562));
    m.put("DailyBulkV2QueryJobs", limit(10000, 10000));
    m.put("DailyDeliveredPlatformEvents", limit(10000, 10000));
    m.put("DailyDurableGenericStreamingApiEvents", limit(10000, 10000));
    m.put("DailyDurableStreamingApiEvents", limit(10000, 10000));
    m.put("DailyFunctionsApiCallLimit", limit(235000, 235000));
    m.put("DailyGenericStreamingApiEvents", limit(10000, 10000));
    m.put("DailyScratchOrgs", limit(6, 6));
    m.put("DailyStandardVolumePlatformEvents", limit(10000, 10000));
    m.put("DailyStreamingApiEvents", limit(10000, 10000));
    m.put("DailyWorkflowEmails", limit(100000, 100000));
    m.put("DataStorageMB", limit(5, 5));
    m.put("DurableStreamingApiConcurrentClients", limit(20, 20));
    m.put("FileStorageMB", limit(20, 20));
    m.put("HourlyAsyncReportRuns", limit(1200, 1200));
    m.put("HourlyDashboardRefreshes", limit(200, 200));
    m.put("HourlyDashboardResults", limit(5000, 5000));
    m.put("HourlyDashboardStatuses", limit(999999999, 999999999));
    m.put("HourlyLongTermIdMapping", limit(100000, 100000));
    m.put("HourlyManagedContentPublicRequests", limit(50000, 50000));
    m.put("HourlyODataCallout", limit(10000, 10000));
    m.put("HourlyPublishedPlatformEvents", limit(50000, 50000));
    m.put("HourlyPublishedStandardVolumePlatformEvents", limit(50000, 50000));
    m.put("HourlyShortTermIdMapping", limit(100000, 100000));
    m.put("HourlySyncReportRuns", limit(500, 500));
    m.put("HourlyTimeBasedWorkflow", limit(50, 50));
    m.put("MassEmail", limit(10, 10));
    m.put("MonthlyPlatformEventsUsageEntitlement", limit(0, 0));
    m.put("Package2VersionCreates", limit(6, 6));
    m.put("PermissionSets", limit(1500, 1500));
    m.put("SingleEmail", limit(15, 15));
    m.put("StreamingApiConcurrentClients", limit(20, 20));
    long bulkMax = bulk.dailyLimit();
    m.put("DailyBulkV2IngestRecords", limit(bulkMax, Math.max(0, bulkMax - bulk.processedToday())));
    ex.json(200, m);
  }

  private static Map<String, Object> limit(long max, long remaining) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Max", max);
    m.put("Remaining", remaining);
    return m;
  }

  private void recordCount(Exchange ex) {
    String list = ex.query("sObjects");
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Integer> counts = ctx.store().counts();
    List<String> names = new ArrayList<>();
    if (list == null || list.isBlank()) {
      for (ObjectDef d : ctx.store().schema().objects()) {
        names.add(d.name());
      }
    } else {
      for (String n : list.split(",")) {
        ObjectDef d =
            ctx.store()
                .schema()
                .find(n.trim())
                .orElseThrow(() ->
                    new ApiException(
                        400, "INVALID_TYPE", "sObject type '" + n.trim() + "' is not supported."));
        names.add(d.name());
      }
    }
    for (String n : names) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", counts.getOrDefault(n, 0));
      m.put("name", n);
      out.add(m);
    }
    ex.json(200, Map.of("sObjects", out));
  }
}
