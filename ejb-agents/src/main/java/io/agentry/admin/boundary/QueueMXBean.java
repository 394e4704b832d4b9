package io.agentry.admin.boundary;

import java.util.Map;

/**
 * {@code agentry:type=Queue,name=<queue>}: tasks waiting on {@code agentry.tasks} to start, or dead on
 * {@code agentry.tasks.DLQ}, counted from the task rows.
 */
public interface QueueMXBean {

    String getName();

    long getDepth();

    /** Priority (5 to 1) to depth. */
    Map<Integer, Long> getDepthByPriority();
}
