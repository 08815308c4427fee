package dev.ferry.salesforce.bulk;

import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.error.SalesforceUnavailableException;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.IngestResultKind;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.IngestUpload;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.Names;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.internal.SfResponse;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.BulkBodies;
import dev.ferry.salesforce.wire.Wire;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk API 2.0 ingest jobs.
 *
 * <p>Salesforce takes one upload per job (its own Data Loader creates a new job for each part), so
 * data over the upload limit goes to several jobs. {@link #ingest} uploads every part to an Open
 * job first and closes the jobs only when all uploads succeeded: a failure before that aborts them
 * all and nothing has been processed.
 *
 * <p>Retry rule: creating a job and uploading are resent only when Salesforce certainly did not
 * process them (a second upload to a job would be refused or duplicate rows); state changes and
 * reads are resent on any transient failure.
 */
public final class BulkIngestCalls {
  private static final Logger log = LoggerFactory.getLogger(BulkIngestCalls.class);

  private final Transport transport;
  private final JobPaths paths;
  private final long uploadLimitBytes;
  private final int maxResumes;

  public BulkIngestCalls(
      Transport transport, String dataPath, long uploadLimitBytes, int maxResumes) {
    this.transport = transport;
    this.maxResumes = maxResumes;
    this.paths = new JobPaths(transport, dataPath, "ingest", CallKind.BULK_INGEST);
    this.uploadLimitBytes = uploadLimitBytes;
  }

  public BulkJob create(IngestSpec spec) {
    Names.apiName(spec.object(), "sObject");
    if (spec.externalIdField() != null) Names.apiName(spec.externalIdField(), "external id field");
    SfRequest request =
        SfRequest.json("POST", paths.base(), BulkBodies.ingestJob(spec), CallKind.BULK_INGEST)
            .sobject(spec.object());
    return transport.read(request, Wire::bulkJob);
  }

  public void upload(String jobId, CsvSource csv) {
    put(jobId, new CsvUploadBody(csv, 0, uploadLimitBytes, false));
  }

  public List<IngestUpload> ingest(IngestSpec spec, CsvSource csv) {
    int rows = csv.rowCount();
    if (rows == 0) return List.of();
    List<BulkJob> jobs = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    int closed = 0;
    try {
      for (int from = 0; from < rows; ) {
        BulkJob job = create(spec);
        jobs.add(job);
        CsvUploadBody body = new CsvUploadBody(csv, from, uploadLimitBytes, true);
        put(job.id(), body);
        ranges.add(new int[] {from, body.endRow()});
        from = body.endRow();
      }
      List<IngestUpload> uploads = new ArrayList<>(jobs.size());
      for (int i = 0; i < jobs.size(); i++) {
        BulkJob done = close(jobs.get(i).id());
        closed++;
        uploads.add(new IngestUpload(done, ranges.get(i)[0], ranges.get(i)[1]));
      }
      log.atInfo()
          .setMessage("bulk ingest uploaded")
          .addKeyValue("sobject", spec.object())
          .addKeyValue("operation", spec.operation().wireName())
          .addKeyValue("rows", rows)
          .addKeyValue("jobs", jobs.size())
          .log();
      return uploads;
    } catch (RuntimeException e) {
      abortAfterFailure(jobs.subList(closed, jobs.size()), jobs.subList(0, closed), e);
      throw e;
    }
  }

  private void abortAfterFailure(List<BulkJob> open, List<BulkJob> closed, RuntimeException cause) {
    for (BulkJob job : open) {
      try {
        abort(job.id());
      } catch (RuntimeException abortFailure) {
        cause.addSuppressed(abortFailure);
      }
    }
    if (!closed.isEmpty()) {
      log.atWarn()
          .setMessage("bulk ingest failed after some jobs were closed; those keep processing")
          .addKeyValue("closed_jobs", closed.stream().map(BulkJob::id).toList())
          .addKeyValue("error", cause.getMessage())
          .log();
    }
  }

  private void put(String jobId, CsvUploadBody body) {
    SfRequest request =
        new SfRequest(
                "PUT",
                paths.job(jobId) + "/batches",
                Map.of(),
                () -> BodyPublishers.ofInputStream(body::open),
                CallKind.BULK_INGEST,
                false,
                null,
                jobId)
            .header("Content-Type", "text/csv");
    try {
      transport.discard(request);
    } catch (SalesforceUnavailableException e) {
      if (body.overLimit()) {
        throw new SalesforceRequestException(
            new SalesforceError(
                "UPLOAD_TOO_LARGE",
                0,
                "CSV from row "
                    + body.fromRow()
                    + " exceeds the upload limit of "
                    + uploadLimitBytes
                    + " bytes; nothing was accepted (use ingest() to split it over several jobs)",
                null,
                jobId),
            e);
      }
      throw e;
    }
    if (body.endRow() < 0) {
      throw new IllegalStateException("upload to job " + jobId + " ended before its body did");
    }
  }

  public BulkJob close(String jobId) {
    return paths.changeState(jobId, "UploadComplete", job -> job.state() != BulkJobState.Open);
  }

  public BulkJob abort(String jobId) {
    return paths.changeState(jobId, "Aborted", job -> job.state().isTerminal());
  }

  public BulkJob get(String jobId) {
    return paths.get(jobId);
  }

  public RecordStream results(String jobId, IngestResultKind kind) {
    SfRequest request =
        SfRequest.get(paths.job(jobId) + "/" + kind.path(), CallKind.BULK_INGEST)
            .header("Accept", "text/csv")
            .jobId(jobId);
    SfResponse response = transport.open(request);
    return new CsvRecordStream(response, () -> transport.open(request), maxResumes, null, -1);
  }

  public void delete(String jobId) {
    paths.delete(jobId);
  }
}
