package io.agentry.watchdog.boundary;

import io.agentry.platform.control.Timestamps;
import io.agentry.tasks.control.TaskExecution;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code agentry.watchdog.interval-ms}, hands the tasks past their deadline to
 * {@link TaskExecution#expire} and the attempts past their attempt deadline (a dead or hung worker)
 * to {@link TaskExecution#recoverLostAttempt}, one transaction each. Both deadlines live in the
 * database and each change reads its task again under a row lock, so every instance may watch and
 * each task is handled once.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TaskDeadlineWatch {

    private static final Logger LOG = Logger.getLogger(TaskDeadlineWatch.class.getName());
    private static final int BATCH = 100;
    private static final EnumSet<TaskStatus> ACTIVE = EnumSet.of(TaskStatus.QUEUED, TaskStatus.IN_PROGRESS,
            TaskStatus.WAITING, TaskStatus.RETRY_SCHEDULED);

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    TaskExecution execution;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "agentry.watchdog.interval-ms", defaultValue = "1000")
    long intervalMs;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void watch() {
        Instant now = Timestamps.now();
        each(em.createNamedQuery(Task.OVERDUE, UUID.class).setParameter("active", ACTIVE).setParameter("now", now)
                .setMaxResults(BATCH).getResultList(), execution::expire, "timed out");
        each(em.createNamedQuery(Task.LOST_ATTEMPTS, UUID.class).setParameter("running", TaskStatus.IN_PROGRESS)
                .setParameter("now", now).setMaxResults(BATCH).getResultList(), execution::recoverLostAttempt,
                "recovered from its lost worker");
    }

    private static void each(List<UUID> tasks, Consumer<UUID> action, String what) {
        for (UUID task : tasks) {
            try {
                action.accept(task);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Task " + task + " could not be " + what + " now; next round retries", e);
            }
        }
    }
}
