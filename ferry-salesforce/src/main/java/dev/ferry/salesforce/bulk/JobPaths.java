package dev.ferry.salesforce.bulk;

import dev.ferry.core.error.FerryException;
import dev.ferry.core.error.SalesforceFailure;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.Names;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.BulkBodies;
import dev.ferry.salesforce.wire.Wire;
import java.util.function.Predicate;

/**
 * The calls query and ingest jobs share, on {@code /jobs/query} or {@code /jobs/ingest}: read,
 * change state, delete.
 *
 * <p>State changes are resent on transient failures; if the resend meets {@code INVALIDJOBSTATE}
 * (the first attempt got through, or the job finished meanwhile), the job is read back and returned
 * when it has already left the state the change started from. A delete that finds no job ({@code
 * NOT_FOUND}) has nothing left to do and succeeds.
 */
final class JobPaths {
  private final Transport transport;
  private final String base;
  private final CallKind kind;

  JobPaths(Transport transport, String dataPath, String kindPath, CallKind kind) {
    this.transport = transport;
    this.base = dataPath + "/jobs/" + kindPath;
    this.kind = kind;
  }

  String base() {
    return base;
  }

  String job(String jobId) {
    return base + "/" + Names.id(jobId, "Bulk job id");
  }

  CallKind kind() {
    return kind;
  }

  BulkJob get(String jobId) {
    return transport.read(SfRequest.get(job(jobId), kind).jobId(jobId), Wire::bulkJob);
  }

  /** PATCH {"state": target}; {@code done} tells whether a job read back already got there. */
  BulkJob changeState(String jobId, String target, Predicate<BulkJob> done) {
    SfRequest request =
        SfRequest.json("PATCH", job(jobId), BulkBodies.state(target), kind)
            .idempotent(true)
            .jobId(jobId);
    try {
      return transport.read(request, Wire::bulkJob);
    } catch (FerryException e) {
      if (e instanceof SalesforceFailure f
          && "INVALIDJOBSTATE".equals(f.salesforceError().errorCode())) {
        BulkJob now = get(jobId);
        if (done.test(now)) return now;
      }
      throw e;
    }
  }

  void delete(String jobId) {
    try {
      transport.discard(SfRequest.delete(job(jobId), kind).jobId(jobId));
    } catch (FerryException e) {
      if (e instanceof SalesforceFailure f && "NOT_FOUND".equals(f.salesforceError().errorCode())) {
        return;
      }
      throw e;
    }
  }
}
