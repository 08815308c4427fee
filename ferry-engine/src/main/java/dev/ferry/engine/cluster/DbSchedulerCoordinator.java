package dev.ferry.engine.cluster;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.ferry.core.id.MappingId;
import dev.ferry.engine.env.EngineConfig;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mapping runs and secondary polls as db-scheduler tasks in {@code ferry.scheduled_tasks}, so every
 * Ferry process on the database shares them and none runs twice (ADR 0001):
 *
 * <ul>
 *   <li>{@code ferry-mapping}, one instance per mapping (instance id = mapping id), rescheduled by
 *       each run to when the mapping should run next;
 *   <li>{@code ferry-secondary}, one instance per mapping and drift batch ({@code <mapping>@<epoch
 *       second>}), running the secondary polls due by then;
 *   <li>{@code ferry-housekeeping}, every minute on one process: re-creates missing tasks and
 *       purges old poll windows.
 * </ul>
 *
 * A process that dies mid-run stops heart-beating; after six missed heartbeats another process runs
 * the task again, and the run resumes from the state in the database.
 */
public final class DbSchedulerCoordinator implements Coordinator {
  private static final Logger log = LoggerFactory.getLogger(DbSchedulerCoordinator.class);
  public static final String TABLE = "ferry.scheduled_tasks";
  static final String MAPPING_TASK = "ferry-mapping";
  static final String SECONDARY_TASK = "ferry-secondary";
  static final String HOUSEKEEPING_TASK = "ferry-housekeeping";
  private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);
  private static final Duration TRIGGER_PATIENCE = Duration.ofSeconds(3);

  private final DataSource dataSource;
  private final EngineConfig config;
  private volatile @Nullable Scheduler scheduler;
  private volatile @Nullable Work work;
  private final CustomTask<Void> mappingTask;
  private final CustomTask<Void> secondaryTask;
  private final RecurringTask<Void> housekeepingTask;

  public DbSchedulerCoordinator(DataSource dataSource, EngineConfig config) {
    this.dataSource = dataSource;
    this.config = config;
    this.mappingTask =
        Tasks.custom(MAPPING_TASK, Void.class)
            .onFailure((complete, ops) ->
                ops.reschedule(complete, Instant.now().plus(config.retryDelay())))
            .onDeadExecutionRevive()
            .execute((instance, ctx) -> reschedule(requireWork().runMapping(mappingOf(instance))));
    this.secondaryTask =
        Tasks.custom(SECONDARY_TASK, Void.class)
            .onFailure((complete, ops) ->
                ops.reschedule(complete, Instant.now().plus(config.retryDelay())))
            .onDeadExecutionRevive()
            .execute(
                (instance, ctx) -> reschedule(requireWork().runSecondaries(mappingOf(instance))));
    this.housekeepingTask =
        Tasks.recurring(HOUSEKEEPING_TASK, FixedDelay.of(HOUSEKEEPING_EVERY))
            .execute((instance, ctx) -> requireWork().housekeeping());
  }

  /** Set by the engine before {@link #start()}. */
  public void bind(Work w) {
    this.work = w;
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) return;
    Scheduler s =
        Scheduler.create(dataSource, mappingTask, secondaryTask)
            .startTasks(housekeepingTask)
            .tableName(TABLE)
            .schedulerName(new SchedulerName.Fixed(config.nodeName()))
            .threads(config.workerThreads())
            .pollingInterval(config.schedulerPoll())
            .heartbeatInterval(config.schedulerHeartbeat())
            .missedHeartbeatsLimit(6)
            .enableImmediateExecution()
            .failureLogging(LogLevel.WARN, true)
            .shutdownMaxWait(Duration.ofSeconds(30))
            .build();
    s.start();
    scheduler = s;
    log.atInfo()
        .addKeyValue("node", config.nodeName())
        .addKeyValue("threads", config.workerThreads())
        .log("scheduler started");
  }

  @Override
  public synchronized void stop() {
    Scheduler s = scheduler;
    // runs finishing during the stop still schedule their next steps (secondary polls): clearing
    // the reference first made them fail and leave their mapping in SYSTEM_ERROR
    if (s != null) s.stop();
    scheduler = null;
  }

  @Override
  public void ensureScheduled(MappingId id) {
    requireScheduler().scheduleIfNotExists(mappingInstance(id), Instant.now());
  }

  @Override
  public boolean trigger(MappingId id) {
    TaskInstance<Void> instance = mappingInstance(id);
    long deadline = System.nanoTime() + TRIGGER_PATIENCE.toNanos();
    while (true) {
      try {
        requireScheduler()
            .schedule(instance, Instant.now(), ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        return true;
      } catch (TaskInstanceCurrentlyExecutingException | ExecutionException e) {
        // Running right now (or picked between our read and our update): the run sees the
        // changed state itself when it checks or completes; try a little longer all the same.
        if (System.nanoTime() > deadline) return false;
        try {
          Thread.sleep(25);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  @Override
  public void secondaryDue(MappingId id, Instant at, Duration batch) {
    long step = Math.max(1, batch.toSeconds());
    long bucket = Math.floorDiv(at.getEpochSecond() + step - 1, step) * step;
    requireScheduler()
        .scheduleIfNotExists(
            new TaskInstance<Void>(SECONDARY_TASK, id + "@" + bucket),
            Instant.ofEpochSecond(bucket));
  }

  private static MappingId mappingOf(TaskInstance<Void> instance) {
    String id = instance.getId();
    int at = id.indexOf('@');
    return MappingId.valueOf(at < 0 ? id : id.substring(0, at));
  }

  private static CompletionHandler<Void> reschedule(@Nullable Instant next) {
    if (next == null) return (complete, ops) -> ops.remove();
    return (complete, ops) -> ops.reschedule(complete, next);
  }

  private static TaskInstance<Void> mappingInstance(MappingId id) {
    return new TaskInstance<>(MAPPING_TASK, id.toString());
  }

  private Scheduler requireScheduler() {
    Scheduler s = scheduler;
    if (s == null) throw new IllegalStateException("the scheduler is not running");
    return s;
  }

  private Work requireWork() {
    Work w = work;
    if (w == null) throw new IllegalStateException("the engine has not bound this coordinator");
    return w;
  }
}
