package io.agentry.admin.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentry.audit.control.AuditLog;
import io.agentry.audit.entity.AuditOutcome;
import io.agentry.tasks.control.QueueStatistics;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

class ConsoleMXBeanTest {

    /** Not the platform one, and kept by no one: it goes with the test. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName name = name();

    private static ObjectName name() {
        try {
            return new ObjectName("agentry:type=Agent,name=echo");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the operations recorded: actor, action, target, outcome, detail. */
    private final List<List<Object>> audited = new ArrayList<>();
    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(String actor, String action, String target, AuditOutcome outcome, Integer status,
                String detail) {
            audited.add(Arrays.asList(actor, action, target, outcome, detail));
        }
    };

    private void publish(AgentMXBean agent) throws Exception {
        server.registerMBean(new ConsoleMXBean<>(agent, AgentMXBean.class, audit, name.toString()), name);
    }

    @Test
    void operationsNameTheirParametersAsTheInterfaceDoes() throws Exception {
        publish(new AgentAdmin("echo", null, null, null, null));
        MBeanInfo info = server.getMBeanInfo(name);
        MBeanOperationInfo setRateLimit = Arrays.stream(info.getOperations())
                .filter(o -> o.getName().equals("setRateLimit")).findFirst().orElseThrow();
        assertThat(Arrays.stream(setRateLimit.getSignature()).map(MBeanParameterInfo::getName))
                .containsExactly("ratePerMinute", "burst");
        assertThat(Arrays.stream(info.getAttributes()).map(a -> a.getName()))
                .contains("Name", "State", "InFlight", "Processed", "Failed", "AverageTimeSeconds", "CircuitBreaker",
                        "RatePerMinute", "Burst", "Healthy");
        assertThat(server.getAttribute(name, "Name")).isEqualTo("echo");
    }

    @Test
    void aRefusedValueReachesTheConsoleAsAnIllegalArgument() throws Exception {
        publish(new AgentAdmin("echo", null, null, null, null));
        assertThatThrownBy(() -> server.invoke(name, "setRateLimit", new Object[] {0, 5},
                new String[] {"int", "int"}))
                .isInstanceOf(RuntimeMBeanException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratePerMinute");
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry.subList(0, 4)).containsExactly("jmx", "jmx.setRateLimit", "agentry:type=Agent,name=echo",
                    AuditOutcome.REFUSED);
            assertThat((String) entry.get(4)).contains("[0, 5]").contains("ratePerMinute");
        });
    }

    @Test
    void anOperationThatWorkedIsAuditedAndAnAttributeReadIsNot() throws Exception {
        publish((AgentMXBean) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgentMXBean.class},
                (proxy, method, args) -> method.getReturnType() == String.class ? "paused" : null));
        server.getAttribute(name, "State");
        server.invoke(name, "pause", new Object[0], new String[0]);
        assertThat(audited).containsExactly(
                Arrays.asList("jmx", "jmx.pause", "agentry:type=Agent,name=echo", AuditOutcome.SUCCEEDED, null));
    }

    @Test
    void aServerSideFailureReachesTheConsoleAsAJdkExceptionWithItsRootMessage() throws Exception {
        publish((AgentMXBean) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgentMXBean.class},
                (proxy, method, args) -> {
                    throw new ServerOnly(new IllegalStateException("Agent 'echo' is busy"));
                }));
        assertThatThrownBy(() -> server.invoke(name, "pause", new Object[0], new String[0]))
                .isInstanceOf(RuntimeMBeanException.class)
                .cause().isExactlyInstanceOf(IllegalStateException.class).hasMessage("Agent 'echo' is busy")
                .hasNoCause();
        assertThat(audited).singleElement().satisfies(entry -> assertThat(entry.get(3)).isEqualTo(AuditOutcome.FAILED));
    }

    /** Stands for the server's own exceptions, which a remote console cannot load. */
    private static final class ServerOnly extends RuntimeException {
        ServerOnly(Throwable cause) {
            super(cause);
        }
    }

    @Test
    void aQueuesDepthsByPriorityReachTheConsoleAsATable() throws Exception {
        Map<Integer, Long> dead = new TreeMap<>(Comparator.reverseOrder());
        dead.putAll(Map.of(5, 2L, 4, 0L, 3, 1L, 2, 0L, 1, 0L));
        QueueStatistics statistics = new QueueStatistics() {
            @Override
            public Depths depths() {
                return new Depths(Map.of(), 0, 0, 0, 0, 0, 3, dead);
            }
        };
        ObjectName queue = new ObjectName("agentry:type=Queue,name=agentry.tasks.DLQ");
        server.registerMBean(new ConsoleMXBean<>(new QueueAdmin("agentry.tasks.DLQ", statistics,
                QueueStatistics.Depths::deadByPriority), QueueMXBean.class, audit, queue.toString()), queue);

        TabularData byPriority = (TabularData) server.getAttribute(queue, "DepthByPriority");
        assertThat(byPriority.get(new Object[] {5}).get("value")).isEqualTo(2L);
        assertThat(byPriority.size()).isEqualTo(5);
        assertThat(server.getAttribute(queue, "Depth")).isEqualTo(3L);
    }
}
