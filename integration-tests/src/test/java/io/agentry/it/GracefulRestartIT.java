package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM in the middle of a run loses nothing and runs nothing twice: after a restart on the same
 * data every task ends completed, with exactly one result. One echo consumer makes the run last at
 * least 20 s (400 × 50 ms), far longer than submitting it, so the stop lands mid-run.
 */
class GracefulRestartIT {

    private static final int TASKS = 400;

    private AgentryProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void sigtermDuringARunLosesNoTaskAndCompletesNoneTwice() throws Exception {
        server = AgentryProcess.embedded("graceful-restart", AgentryProcess.env("AGENTRY_AGENTS_ECHO_CONCURRENCY", "1"))
                .start();
        Api api = server.api();

        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> submits = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                int n = i;
                submits.add(clients.submit(() -> api.submit(Map.of("agent", "echo",
                        "payload", Map.of("delay_ms", 50, "n", n)))));
            }
            for (Future<String> submit : submits) {
                ids.add(submit.get());
            }
        } finally {
            clients.shutdown();
        }
        assertThat(ids).hasSize(TASKS).doesNotHaveDuplicates();

        long completedBeforeStop = api.get("tasks/counts").json().get("completed").asLong();
        assertThat(completedBeforeStop).as("the run must still be going when the server is stopped")
                .isLessThan(TASKS);
        server.stop();

        server.start();
        Api restarted = server.api();
        await("all tasks completed after the restart").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> restarted.post("tasks/aggregate", Map.of("task_ids", ids)).json().get("completed")
                        .asLong() == TASKS);

        JsonNode counts = restarted.get("tasks/counts").json();
        counts.fields().forEachRemaining(count -> {
            if (!count.getKey().equals("completed")) {
                assertThat(count.getValue().asLong()).as(count.getKey()).isZero();
            }
        });
        for (String id : ids) {
            JsonNode task = restarted.task(id);
            assertThat(task.get("status").asText()).isEqualTo("completed");
            assertThat(task.get("result")).isEqualTo(task.get("payload"));
            long results = 0;
            for (JsonNode event : restarted.events(id)) {
                if (event.get("event_type").asText().equals("task_completed")) {
                    results++;
                }
            }
            assertThat(results).as("results of task " + id).isEqualTo(1);
        }
    }
}
