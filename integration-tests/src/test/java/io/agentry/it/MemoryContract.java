package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Agent memory over {@code /api/agents/{name}/memory}: written, read (and counted), listed by type
 * and prefix, expired by its time to live, forgotten, and written by many clients at once without
 * an error. Each test works under keys of its own, so the tests share one server.
 */
abstract class MemoryContract {

    abstract AgentryProcess server();

    private Api api() {
        return server().api();
    }

    private static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @Test
    void aValueIsWrittenReadAndCounted() {
        String key = prefix() + "profile";

        Api.Reply created = api().put("agents/echo/memory/" + key,
                Map.of("value", Map.of("name", "Ada", "langs", List.of("en", "fr")), "memory_type", "long_term"));
        Api.Reply replaced = api().put("agents/echo/memory/" + key, Map.of("value", Map.of("name", "Ada L.")));
        api().get("agents/echo/memory/" + key);
        Api.Reply read = api().get("agents/echo/memory/" + key);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/agents/echo/memory/" + key);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(read.status()).isEqualTo(200);
        JsonNode entry = read.json();
        assertThat(entry.get("value").get("name").asText()).isEqualTo("Ada L.");
        assertThat(entry.get("memory_type").asText()).isEqualTo("long_term");
        assertThat(entry.get("access_count").asInt()).isEqualTo(2);
        assertThat(entry.get("expires_at").isNull()).isTrue();
        assertThat(entry.get("created_at").asText()).isEqualTo(created.json().get("created_at").asText());
    }

    @Test
    void listingFiltersByTypeAndPrefixTakenLiterally() {
        String prefix = prefix();
        api().put("agents/echo/memory/" + prefix + "a", Map.of("value", 1, "memory_type", "short_term"));
        api().put("agents/echo/memory/" + prefix + "b", Map.of("value", 2, "memory_type", "episodic"));
        api().put("agents/echo/memory/" + prefix + "c", Map.of("value", 3, "memory_type", "episodic"));
        api().put("agents/echo/memory/" + prefix.replace(":", "_") + "x", Map.of("value", 4));

        JsonNode all = api().get("agents/echo/memory?prefix=" + prefix).json();
        JsonNode episodic = api().get("agents/echo/memory?memory_type=episodic&prefix=" + prefix).json();
        JsonNode underscore = api().get("agents/echo/memory?prefix=" + prefix.replace(":", "_")).json();

        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("memories").findValuesAsText("key")).containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(episodic.get("memories").findValuesAsText("key")).containsExactly(prefix + "b", prefix + "c");
        assertThat(underscore.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anEntryIsGoneOnceItsTimeToLivePasses() {
        String key = prefix() + "scratch";
        Api.Reply written = api().put("agents/echo/memory/" + key, Map.of("value", "soon gone", "ttl_seconds", 1));

        assertThat(written.status()).isEqualTo(201);
        assertThat(written.json().get("expires_at").isNull()).isFalse();
        await("entry expired").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("agents/echo/memory/" + key).status() == 404);
        assertThat(api().put("agents/echo/memory/" + key, Map.of("value", "again")).status()).isEqualTo(201);
    }

    @Test
    void forgettingOneKeyAndThenAllOfThem() {
        String prefix = prefix();
        api().put("agents/echo/memory/" + prefix + "one", Map.of("value", 1));
        api().put("agents/echo/memory/" + prefix + "two", Map.of("value", 2));

        assertThat(api().delete("agents/echo/memory/" + prefix + "one").status()).isEqualTo(204);
        assertThat(api().delete("agents/echo/memory/" + prefix + "one").status()).isEqualTo(404);
        assertThat(api().get("agents/echo/memory/" + prefix + "two").status()).isEqualTo(200);

        Api.Reply cleared = api().delete("agents/echo/memory");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("deleted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(api().get("agents/echo/memory/" + prefix + "two").status()).isEqualTo(404);
        assertThat(api().get("agents/echo/memory/stats").json().get("total").asLong()).isZero();
    }

    @Test
    void statsCountTheLiveEntriesByType() {
        api().delete("agents/echo/memory");
        String prefix = prefix();
        api().put("agents/echo/memory/" + prefix + "s", Map.of("value", 1, "memory_type", "short_term"));
        api().put("agents/echo/memory/" + prefix + "e", Map.of("value", 2, "memory_type", "episodic"));
        api().get("agents/echo/memory/" + prefix + "e");

        JsonNode stats = api().get("agents/echo/memory/stats").json();

        assertThat(stats.get("total").asLong()).isEqualTo(2);
        assertThat(stats.get("access_count").asLong()).isEqualTo(1);
        assertThat(stats.get("by_type").get("short_term").get("count").asLong()).isEqualTo(1);
        assertThat(stats.get("by_type").get("episodic").get("count").asLong()).isEqualTo(1);
        assertThat(stats.get("by_type").get("long_term").get("count").asLong()).isZero();
    }

    @Test
    void manyClientsWritingOneKeyAtOnceAllSucceedAndExactlyOneCreatesIt() throws Exception {
        String key = prefix() + "contended";
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int value = i;
                puts.add(() -> api().put("agents/echo/memory/" + key, Map.of("value", value)).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> put : pool.invokeAll(puts)) {
                statuses.add(put.get());
            }

            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api().get("agents/echo/memory/" + key).json().get("value").asInt()).isBetween(0, writers - 1);
    }

    @Test
    void eachUserHasTheirOwnMemoryAndAgentsWriteTheMemoryOfTheirTasksUser() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api ada = api().createUser("ada-" + suffix, "ada-password", "user");
        Api bob = api().createUser("bob-" + suffix, "bob-password", "user");
        String key = prefix() + "drink";

        String remembered = ada.submit(Map.of("agent", "echo", "payload",
                Map.of("remember", Map.of("key", key, "value", "tea", "memory_type", "episodic"))));
        ada.awaitStatus(remembered, "completed", Duration.ofSeconds(60));

        Api.Reply own = ada.get("agents/echo/memory/" + key);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("value").asText()).isEqualTo("tea");
        assertThat(own.json().get("memory_type").asText()).isEqualTo("episodic");
        assertThat(bob.get("agents/echo/memory/" + key).status()).isEqualTo(404);
        assertThat(api().get("agents/echo/memory/" + key).status()).as("memory is personal, admins included")
                .isEqualTo(404);
        assertThat(bob.get("agents/echo/memory?prefix=" + key).json().get("total").asLong()).isZero();
        assertThat(bob.delete("agents/echo/memory/" + key).status()).isEqualTo(404);

        String adaRecalls = ada.submit(Map.of("agent", "echo", "payload", Map.of("recall", key)));
        String bobRecalls = bob.submit(Map.of("agent", "echo", "payload", Map.of("recall", key)));
        ada.awaitStatus(adaRecalls, "completed", Duration.ofSeconds(60));
        bob.awaitStatus(bobRecalls, "completed", Duration.ofSeconds(60));
        assertThat(ada.task(adaRecalls).get("result").get("recalled").asText()).isEqualTo("tea");
        assertThat(bob.task(bobRecalls).get("result").get("recalled").isNull()).isTrue();
    }

    @Test
    void badRequestsAreRefusedWithProblems() {
        String key = prefix() + "bad";

        Api.Reply noValue = api().put("agents/echo/memory/" + key, Map.of("memory_type", "long_term"));
        Api.Reply badType = api().put("agents/echo/memory/" + key, Map.of("value", 1, "memory_type", "forever"));
        Api.Reply badTtl = api().put("agents/echo/memory/" + key, Map.of("value", 1, "ttl_seconds", 0));
        Api.Reply badFilter = api().get("agents/echo/memory?memory_type=forever");
        Api.Reply unknownAgent = api().get("agents/no-such-agent/memory/" + key);
        Api.Reply tooLong = api().put("agents/echo/memory/" + "k".repeat(501), Map.of("value", 1));

        assertThat(noValue.status()).isEqualTo(422);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badTtl.status()).isEqualTo(422);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(unknownAgent.status()).isEqualTo(404);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(List.of(noValue, badType, badTtl, badFilter, unknownAgent, tooLong))
                .allSatisfy(reply -> assertThat(reply.contentType()).startsWith("application/problem+json"));
        assertThat(api().get("agents/echo/memory/" + key).status()).isEqualTo(404);
    }
}
