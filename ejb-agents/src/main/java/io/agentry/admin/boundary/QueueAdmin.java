package io.agentry.admin.boundary;

import io.agentry.tasks.control.QueueStatistics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** One queue's MXBean: its depths are taken from {@link QueueStatistics}, as {@code GET /api/queues} does. */
final class QueueAdmin implements QueueMXBean {

    private final String name;
    private final QueueStatistics statistics;
    private final Function<QueueStatistics.Depths, Map<Integer, Long>> byPriority;

    QueueAdmin(String name, QueueStatistics statistics, Function<QueueStatistics.Depths, Map<Integer, Long>> byPriority) {
        this.name = name;
        this.statistics = statistics;
        this.byPriority = byPriority;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getDepth() {
        return getDepthByPriority().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<Integer, Long> getDepthByPriority() {
        // The open type of a map is a table sorted by key; a map with its own order cannot be converted.
        return new LinkedHashMap<>(byPriority.apply(statistics.depths()));
    }
}
