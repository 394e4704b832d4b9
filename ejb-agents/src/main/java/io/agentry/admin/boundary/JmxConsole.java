package io.agentry.admin.boundary;

import io.agentry.agents.control.AgentPauses;
import io.agentry.agents.control.AgentRegistrations;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.control.AgentStatuses;
import io.agentry.agents.entity.Agent;
import io.agentry.audit.control.AuditLog;
import io.agentry.tasks.control.QueueStatistics;
import io.agentry.tasks.control.TaskQueries;
import io.agentry.tasks.control.TaskRecovery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the admin MXBeans on the platform MBean server, so JConsole and VisualVM see them, and
 * withdraws them when the application stops (a redeploy must not leave stale ones behind). Agents
 * come and go at run time, on this instance or another, so their MXBeans follow the active agents
 * every {@code agentry.jmx.refresh-seconds}.
 */
@Singleton
@Startup
@DependsOn("AgentRegistry")
public class JmxConsole {

    private static final Logger LOG = Logger.getLogger(JmxConsole.class.getName());
    static final String TASKS_QUEUE = "agentry.tasks";
    static final String DEAD_LETTER_QUEUE = "agentry.tasks.DLQ";

    @Inject
    AgentRegistry registry;

    @Inject
    AgentStatuses statuses;

    @Inject
    AgentPauses pauses;

    @Inject
    AgentRegistrations registrations;

    @Inject
    TaskQueries tasks;

    @Inject
    QueueStatistics queue;

    @Inject
    TaskRecovery recovery;

    @Inject
    AuditLog audit;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "agentry.jmx.refresh-seconds")
    int refreshSeconds;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Set<ObjectName> published = new HashSet<>();
    private final Map<String, ObjectName> agents = new HashMap<>();

    @PostConstruct
    void publish() {
        register(name("type", "Orchestrator"),
                new OrchestratorAdmin(tasks, queue, statuses, pauses, recovery), OrchestratorMXBean.class);
        register(name("type", "Queue", "name", TASKS_QUEUE),
                new QueueAdmin(TASKS_QUEUE, queue, QueueStatistics.Depths::queuedByPriority), QueueMXBean.class);
        register(name("type", "Queue", "name", DEAD_LETTER_QUEUE),
                new QueueAdmin(DEAD_LETTER_QUEUE, queue, QueueStatistics.Depths::deadByPriority), QueueMXBean.class);
        refreshAgents();
        long interval = refreshSeconds * 1000L;
        // Not persistent: each instance publishes in its own JVM.
        timers.createIntervalTimer(interval, interval, new TimerConfig(null, false));
    }

    /** One MXBean per active agent: new agents get one, retired ones lose theirs. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refreshAgents() {
        Set<String> active = registry.all().stream().filter(Agent::isActive).map(Agent::name)
                .collect(Collectors.toSet());
        agents.keySet().removeIf(agent -> {
            if (active.contains(agent)) {
                return false;
            }
            unregister(agents.get(agent));
            return true;
        });
        active.stream().filter(agent -> !agents.containsKey(agent)).forEach(agent -> {
            ObjectName name = name("type", "Agent", "name", agent);
            register(name, new AgentAdmin(agent, statuses, pauses, registrations, registry), AgentMXBean.class);
            agents.put(agent, name);
        });
    }

    @PreDestroy
    void withdraw() {
        Set.copyOf(published).forEach(this::unregister);
        agents.clear();
    }

    private <T> void register(ObjectName name, T implementation, Class<T> type) {
        ConsoleMXBean<T> mbean = new ConsoleMXBean<>(implementation, type, audit, name.toString());
        try {
            // Left over from a deployment that did not stop cleanly: this one's MXBean replaces it.
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
            published.add(name);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot publish " + name + " over JMX", e);
        }
    }

    private void unregister(ObjectName name) {
        published.remove(name);
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Cannot withdraw " + name + " from JMX", e);
        }
    }

    /** {@code agentry:key=value,…}, the value quoted when it holds characters an object name does not allow. */
    private static ObjectName name(String... keysAndValues) {
        StringBuilder name = new StringBuilder("agentry:");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String value = keysAndValues[i + 1];
            name.append(i == 0 ? "" : ",").append(keysAndValues[i]).append('=')
                    .append(value.matches("[A-Za-z0-9_.-]*") ? value : ObjectName.quote(value));
        }
        try {
            return new ObjectName(name.toString());
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
