package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard at {@code /} in a real browser: Debian's Chromium, headless, driven through its own
 * chromedriver (both from {@code apt-get install chromium chromium-driver}; {@code .ci/run} installs
 * them). Logging in through the form, the overview against {@code /api/stats}, a task submitted from
 * the form followed to {@code completed} by its live events, pause and resume as an operator, and the
 * API's 403 shown to a plain user.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path WORK = Path.of(System.getProperty("agentry.it.work", "target/it"));

    private static AgentryProcess server;
    private static Api admin;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("DashboardIT needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run installs them when missing)");
        }
        server = AgentryProcess.embedded("h2-dashboard", Map.of()).start();
        admin = server.api();
        admin.createUser("olga", "olga-password", "operator");
        admin.createUser("uma", "uma-password", "user");
        browser = chromium();
    }

    private static ChromeDriver chromium() throws Exception {
        Path profile = WORK.resolve("dashboard-chromium").toAbsolutePath();
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1500,1500", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // Selenium's client-side tracing is of no use here (its OpenTelemetry is left out: integration-tests/pom.xml).
        System.setProperty("webdriver.remote.enableTracing", "false");
        // The driver named explicitly: Selenium Manager (which would look for one online) is not used.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(WORK.resolve("dashboard-chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** The page's own scripts must not fail: no errors in the console other than refused requests. */
    @AfterEach
    void noScriptErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertThat(errors).isEmpty();
    }

    @Test
    void theOverviewShowsWhatApiStatsSays() {
        String done = admin.submit(Map.of("agent", "echo", "payload", Map.of("n", 1)));
        String failed = admin.submit(Map.of("agent", "echo", "payload", Map.of("fail", "permanent")));
        admin.awaitStatus(done, "completed", PATIENCE);
        admin.awaitStatus(failed, "failed", PATIENCE);

        logIn("olga", "olga-password");
        assertThat(text(By.id("user"))).isEqualTo("olga (user, operator)");
        JsonNode stats = admin.get("stats").json();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("tasks_total", stats.get("tasks_total").asText());
        stats.get("tasks").properties().forEach(e -> expected.put("tasks." + e.getKey(), e.getValue().asText()));
        stats.get("sessions").properties().forEach(e -> expected.put("sessions." + e.getKey(), e.getValue().asText()));
        expected.put("agents", stats.get("agents").asText());
        JsonNode queue = stats.get("queue");
        for (String key : List.of("queued", "in_flight", "waiting_for_subtasks", "paused", "scheduled", "dead")) {
            expected.put(key, queue.get(key).asText());
        }
        queue.get("queued_by_priority").properties().forEach(
                e -> expected.put("queued_by_priority." + e.getKey(), e.getValue().asText()));
        queue.get("dead_by_priority").properties().forEach(
                e -> expected.put("dead_by_priority." + e.getKey(), e.getValue().asText()));
        assertThat(Long.parseLong(expected.get("tasks.completed"))).isPositive();
        assertThat(Long.parseLong(expected.get("tasks.failed"))).isPositive();

        eventually().untilAsserted(() -> {
            Map<String, String> shown = new LinkedHashMap<>();
            for (String key : expected.keySet()) {
                shown.put(key, text(By.cssSelector("#view-overview [data-key='" + key + "']")));
            }
            assertThat(shown).isEqualTo(expected);
        });
    }

    @Test
    void aTaskSubmittedFromTheFormIsFollowedLiveToCompleted() throws Exception {
        logIn("olga", "olga-password");
        browser.get(server.baseUri() + "#tasks");
        click(By.cssSelector("#submit-agent option[value=echo]"));
        click(By.cssSelector("#submit-priority option[value='4']"));
        WebElement payload = browser.findElement(By.id("submit-payload"));
        payload.clear();
        // Slow enough to be seen running; markup in the payload must stay text.
        payload.sendKeys("{\"delay_ms\": 2500, \"note\": \"<img src=x onerror=alert(1)>\"}");
        browser.findElement(By.cssSelector("#submit-task button[type=submit]")).click();

        WebElement detail = browser.findElement(By.id("task-detail"));
        String taskId = eventually().until(() -> detail.getDomAttribute("data-task"), id -> id != null && !id.isEmpty());
        assertThat(text(By.cssSelector("#view-tasks [data-role=submit-notice]"))).contains(taskId).contains("echo");

        eventually().until(() -> text(By.cssSelector("#task-detail [data-field=stream]")), "live"::equals);
        eventually().until(() -> !browser.findElements(
                By.cssSelector("#task-detail tr[data-event=task_started]")).isEmpty());
        eventually().until(() -> text(By.cssSelector("#task-detail [data-key=status]")), "completed"::equals);
        eventually().until(() -> text(By.cssSelector("#task-detail [data-field=stream]")), "ended"::equals);

        List<String> shownEvents = browser.findElements(By.cssSelector("#task-detail [data-role=events] tbody tr"))
                .stream().map(row -> row.getDomAttribute("data-event")).toList();
        List<String> storedEvents = admin.events(taskId).findValues("event_type").stream().map(JsonNode::asText).toList();
        assertThat(shownEvents).isEqualTo(storedEvents).endsWith("task_completed");
        JsonNode task = admin.task(taskId);
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("priority").asInt()).isEqualTo(4);
        assertThat(text(By.cssSelector("#task-detail [data-field=result]")))
                .contains("\"note\": \"<img src=x onerror=alert(1)>\"");
        assertThat(browser.findElements(By.cssSelector("#task-detail img"))).isEmpty();
        eventually().until(() -> !browser.findElements(By.cssSelector(
                "#view-tasks [data-role=tasks] tr[data-task='" + taskId + "']")).isEmpty());

        Path screenshot = Path.of("target", "dashboard.png");
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void anOperatorPausesAndResumesEcho() {
        logIn("olga", "olga-password");
        browser.get(server.baseUri() + "#agents");
        By echoState = By.cssSelector("#view-agents tr[data-agent=echo] [data-field=state]");
        eventually().until(() -> text(echoState), "active"::equals);

        click(By.cssSelector("#view-agents tr[data-agent=echo] button[data-action=pause]"));
        eventually().until(() -> text(echoState), "paused"::equals);
        assertThat(text(By.cssSelector("#view-agents [data-role=notice]"))).contains("echo: paused");
        assertThat(admin.get("agents/echo/status").json().get("state").asText()).isEqualTo("paused");

        click(By.cssSelector("#view-agents tr[data-agent=echo] button[data-action=resume]"));
        eventually().until(() -> text(echoState), "active"::equals);
        assertThat(admin.get("agents/echo/status").json().get("state").asText()).isEqualTo("active");
        assertThat(browser.findElement(By.cssSelector("#view-agents [data-role=error]")).isDisplayed()).isFalse();
    }

    @Test
    void aPlainUserWhoPressesPauseSeesTheApisRefusal() {
        Api uma = admin.as("uma", "uma-password");
        Api.Reply refusal = uma.post("agents/echo/pause", "");
        assertThat(refusal.status()).isEqualTo(403);
        String detail = refusal.json().get("detail").asText();

        logIn("uma", "uma-password");
        assertThat(text(By.id("user"))).isEqualTo("uma (user)");
        eventually().until(() -> text(By.cssSelector("#view-overview [data-role=error]")),
                message -> message.contains("403") && message.contains(detail));

        browser.get(server.baseUri() + "#agents");
        click(By.cssSelector("#view-agents tr[data-agent=echo] button[data-action=pause]"));
        WebElement error = browser.findElement(By.cssSelector("#view-agents [data-role=error]"));
        eventually().until(() -> error.isDisplayed() && error.getText().contains("403") && error.getText().contains(detail));
        assertThat(error.getText()).startsWith("echo: 403");
        assertThat(admin.get("agents/echo/status").json().get("state").asText()).isEqualTo("active");
    }

    @Test
    void anOperatorRetriesADeadLetterAndReadsASessionsSteps() {
        Map<String, Object> doomed = new LinkedHashMap<>();
        doomed.put("agent", "echo");
        doomed.put("payload", Map.of("fail_first", 1));
        doomed.put("retry_policy", Map.of("max_retries", 0));
        String dead = admin.submit(doomed);
        admin.awaitStatus(dead, "dead", PATIENCE);
        Api.Reply plan = admin.post("sessions", Map.of("name", "dashboard-plan", "execution_mode", "sequential",
                "steps", List.of(Map.of("id", "first", "agent", "echo", "input", Map.of("n", 1)),
                        Map.of("id", "second", "agent", "echo", "input", Map.of("n", 2), "dependencies", List.of("first")))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(202);
        String session = plan.json().get("session_id").asText();

        logIn("olga", "olga-password");
        browser.get(server.baseUri() + "#dead-letters");
        By letter = By.cssSelector("#view-dead-letters tr[data-task='" + dead + "']");
        eventually().until(() -> browser.findElement(letter).getText(), row -> row.contains("retries_exhausted"));
        click(By.cssSelector("#view-dead-letters tr[data-task='" + dead + "'] button[data-action=retry]"));
        eventually().until(() -> text(By.cssSelector("#view-dead-letters [data-role=notice]")),
                notice -> notice.contains(dead));
        eventually().until(() -> browser.findElements(letter).isEmpty());
        admin.awaitStatus(dead, "completed", PATIENCE);

        browser.get(server.baseUri() + "#sessions");
        click(By.cssSelector("#view-sessions tr[data-session='" + session + "'] button"));
        eventually().until(() -> text(By.cssSelector("#session-detail [data-key=status]")), "completed"::equals);
        eventually().until(() -> text(By.cssSelector("#session-detail tr[data-step=second]")),
                row -> row.contains("echo") && row.contains("completed"));
        assertThat(text(By.cssSelector("#session-detail tr[data-step=first]"))).contains("completed");
    }

    /**
     * A fresh browser session through the login form, which lands on the dashboard. Whoever was
     * logged in before logs out with the page's button. The browser may show its cached copy of the
     * page at first; without a session its first API call (401) sends it to the login page.
     */
    private static void logIn(String username, String password) {
        browser.get(server.baseUri());
        eventually().until(() -> browser.getCurrentUrl().endsWith("/login") || !text(By.id("user")).isEmpty());
        if (!browser.getCurrentUrl().endsWith("/login")) {
            click(By.id("logout"));
            eventually().until(() -> browser.getCurrentUrl().endsWith("/login"));
        }
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        eventually().until(() -> text(By.id("user")), shown -> shown.startsWith(username + " ("));
        assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUri());
    }

    private static String text(By element) {
        return browser.findElement(element).getText();
    }

    /** Clicks an element that the page's refresh may have just replaced. */
    private static void click(By element) {
        eventually().until(() -> {
            browser.findElement(element).click();
            return true;
        });
    }

    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }
}
