package io.agentry.sessions.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentry.events.control.EventLog;
import io.agentry.events.control.Webhooks;
import io.agentry.platform.control.Json;
import io.agentry.platform.control.Timestamps;
import io.agentry.routing.control.Router;
import io.agentry.routing.control.UnroutableTaskException;
import io.agentry.sessions.entity.AgentSession;
import io.agentry.sessions.entity.ExecutionMode;
import io.agentry.sessions.entity.InvalidPlanException;
import io.agentry.sessions.entity.PlanGraph;
import io.agentry.tasks.control.RetryDefaults;
import io.agentry.tasks.control.TaskQueue;
import io.agentry.tasks.control.TaskSubmission;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs plans. Starting one checks it and stores its session with a task per step; from then on
 * each step's outcome, in the transaction that records it, decides what runs next: dependents
 * whose dependencies are all complete are dispatched, a failed step skips what can no longer run
 * and hands over to the fallback plan or fails the session. Every change to a session's steps
 * holds the session's row lock first, so concurrent step outcomes see each other.
 */
@Stateless
public class PlanExecution {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    Router router;

    @Inject
    RetryDefaults retryDefaults;

    @Inject
    TaskQueue queue;

    @Inject
    EventLog events;

    @Inject
    Webhooks webhooks;

    @Inject
    TaskSubmission tasks;

    /**
     * Checks the plan (and its fallback) and starts its session for {@code owner}, whose its steps are;
     * nothing is stored if it is invalid.
     */
    public AgentSession start(NewPlan plan, String owner) {
        Checked main = check(plan, "");
        if (plan.fallbackPlan() != null) {
            check(plan.fallbackPlan(), "fallback_plan.");
        }
        if (plan.parentSessionId() != null && em.find(AgentSession.class, plan.parentSessionId()) == null) {
            throw new InvalidPlanException(null, "No parent session with id " + plan.parentSessionId());
        }
        Instant now = Timestamps.now();
        AgentSession session = new AgentSession(plan.name(), plan.executionMode(), write(plan),
                plan.fallbackPlan() == null ? null : write(plan.fallbackPlan()), Json.write(plan.context()),
                plan.timeoutMs(), plan.callbackUrl(), plan.parentSessionId(), owner, now);
        em.persist(session);
        createSteps(session, plan, main, false, now);
        dispatchReady(session, now);
        return session;
    }

    /** The session, locked for the rest of the transaction: changes to its steps go one at a time. */
    public AgentSession lock(UUID sessionId) {
        AgentSession session = em.find(AgentSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            throw new SessionNotFoundException(sessionId);
        }
        return session;
    }

    /**
     * A step reached an end (completed, failed, dead, timed out or cancelled); called with the
     * session locked, in the transaction that recorded the step's outcome.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void stepEnded(Task step, Instant now) {
        AgentSession session = lock(step.sessionId());
        if (step.status() == TaskStatus.COMPLETED) {
            events.record(step, EventType.STEP_COMPLETED, Map.of("step_id", step.stepId()), now);
        }
        if (session.status().isTerminal() || step.isFallback() != session.fallbackUsed()) {
            return;
        }
        switch (step.status()) {
            case COMPLETED -> {
                List<StepState> phase = states(session);
                if (phase.stream().allMatch(s -> s.status() == TaskStatus.COMPLETED)) {
                    session.complete(now);
                    ended(session, EventType.PLAN_COMPLETED, now);
                } else {
                    dispatchReady(session, phase, now);
                }
            }
            case FAILED, DEAD, TIMED_OUT -> failPhase(session,
                    "Step '" + step.stepId() + "' failed: " + step.errorMessage(), false, now);
            default -> {
                // Cancelled steps end with their session, which has already ended.
            }
        }
    }

    /** Cancels a running session: steps that have not started never will, running ones end cancelled. */
    public AgentSession cancel(UUID sessionId) {
        AgentSession session = lock(sessionId);
        if (session.status().isTerminal()) {
            throw new SessionEndedException("Session " + sessionId + " is already " + session.status().apiName());
        }
        Instant now = Timestamps.now();
        for (Task step : steps(sessionId)) {
            if (!step.status().isTerminal() && step.cancel("Cancelled with its session", now)) {
                events.record(step, EventType.TASK_CANCELLED, Map.of("reason", "session cancelled"), now);
            }
        }
        session.cancel(now);
        ended(session, EventType.PLAN_CANCELLED, now);
        return session;
    }

    /** Ends a session that is past its deadline (or hands over to its fallback); once, whoever calls. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void expire(UUID sessionId) {
        AgentSession session = lock(sessionId);
        Instant now = Timestamps.now();
        if (session.isExpired(now)) {
            failPhase(session, "The plan did not finish within its timeout", true, now);
        }
    }

    private void failPhase(AgentSession session, String reason, boolean timedOut, Instant now) {
        for (Task step : phase(session)) {
            if (!step.isRunning() && !step.status().isTerminal()) {
                step.cancel("Skipped: " + reason, now);
                events.record(step, EventType.TASK_CANCELLED, Map.of("reason", reason, "skipped", true), now);
            }
        }
        if (session.canFallBack()) {
            NewPlan fallback = read(session.fallbackPlanJson());
            session.fallBack(reason, fallback.timeoutMs(), now);
            events.recordForSession(session.id(), EventType.PLAN_FALLBACK, Map.of("reason", reason), now);
            createSteps(session, fallback, check(fallback, "fallback_plan."), true, now);
            dispatchReady(session, now);
        } else if (timedOut) {
            session.timeOut(now);
            ended(session, EventType.PLAN_FAILED, now);
        } else {
            session.fail(reason, now);
            ended(session, EventType.PLAN_FAILED, now);
        }
    }

    private void dispatchReady(AgentSession session, Instant now) {
        dispatchReady(session, states(session), now);
    }

    /**
     * Dispatches the steps of the current phase whose dependencies are complete: all of them in
     * parallel mode, the next one in plan order (when none is running) in sequential mode. Only the
     * steps dispatched are loaded.
     */
    private void dispatchReady(AgentSession session, List<StepState> phase, Instant now) {
        boolean sequential = session.executionMode() == ExecutionMode.SEQUENTIAL;
        if (sequential && phase.stream().anyMatch(s -> s.status().isActive())) {
            return;
        }
        Map<String, StepState> byStep = new HashMap<>();
        phase.forEach(state -> byStep.put(state.stepId(), state));
        for (StepState state : phase) {
            if (state.status() != TaskStatus.PENDING
                    || !state.dependencies().stream().allMatch(d -> byStep.get(d).status() == TaskStatus.COMPLETED)) {
                continue;
            }
            Task step = em.find(Task.class, state.id());
            resolveInput(step, byStep);
            queue.dispatch(step, now);
            events.record(step, EventType.STEP_STARTED, Map.of("step_id", step.stepId()), now);
            if (sequential) {
                return;
            }
        }
    }

    /** Fills in the upstream outputs the step's input refers to; an input without references stays as it is. */
    private void resolveInput(Task step, Map<String, StepState> byStep) {
        JsonNode input = Json.read(step.inputJson());
        Set<String> references = StepInputs.references(input);
        if (references.isEmpty()) {
            return;
        }
        Map<String, JsonNode> outputs = new HashMap<>();
        for (String id : references) {
            StepState upstream = byStep.get(id);
            if (upstream != null && upstream.status() == TaskStatus.COMPLETED) {
                outputs.put(id, Json.read(em.find(Task.class, upstream.id()).outputJson()));
            }
        }
        step.resolveInput(Json.write(StepInputs.resolve(input, outputs)));
    }

    private void ended(AgentSession session, EventType type, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", session.status().apiName());
        data.put("fallback_used", session.fallbackUsed());
        data.put("duration_ms", session.durationMs());
        if (session.errorMessage() != null) {
            data.put("reason", session.errorMessage());
        }
        var event = events.recordForSession(session.id(), type, data, now);
        if (session.callbackUrl() != null) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("session_id", session.id().toString());
            body.put("status", session.status().apiName());
            body.put("fallback_used", session.fallbackUsed());
            body.put("error", session.errorMessage());
            ObjectNode results = body.putObject("results");
            phase(session).stream().filter(t -> t.status() == TaskStatus.COMPLETED)
                    .forEach(t -> results.set(t.stepId(), Json.read(t.outputJson())));
            body.set("event", Json.MAPPER.valueToTree(event));
            webhooks.schedule(session.callbackUrl(), body, 1, 0);
        }
    }

    /** What deciding which steps run next needs of a step, read without loading the step. */
    private record StepState(UUID id, String stepId, TaskStatus status, List<String> dependencies) {
    }

    /** The states of the steps of the plan now in charge, in plan order. */
    private List<StepState> states(AgentSession session) {
        return em.createNamedQuery(Task.STEP_STATES, Object[].class)
                .setParameter("sessionId", session.id())
                .setParameter("fallback", session.fallbackUsed())
                .getResultList().stream()
                .map(row -> new StepState((UUID) row[0], (String) row[1], (TaskStatus) row[2],
                        dependencies((String) row[3])))
                .toList();
    }

    /** The steps of the plan now in charge: the main plan, or the fallback once it took over. */
    private List<Task> phase(AgentSession session) {
        return steps(session.id()).stream().filter(t -> t.isFallback() == session.fallbackUsed()).toList();
    }

    private List<Task> steps(UUID sessionId) {
        return em.createNamedQuery(Task.STEPS_OF_SESSION, Task.class).setParameter("sessionId", sessionId)
                .getResultList();
    }

    /** A plan's graph and the route of each step, or the fault with the step named. */
    private record Checked(PlanGraph graph, Map<String, Router.Route> routes) {
    }

    private Checked check(NewPlan plan, String prefix) {
        PlanGraph graph;
        try {
            graph = PlanGraph.of(plan.steps().stream()
                    .map(s -> new PlanGraph.Step(s.id(), s.dependencies())).toList());
        } catch (InvalidPlanException e) {
            throw new InvalidPlanException(e.stepId() == null ? null : prefix + e.stepId(), e.getMessage());
        }
        Map<String, Router.Route> routes = new HashMap<>();
        for (NewPlan.Step step : plan.steps()) {
            String where = prefix + step.id();
            if (Stream.of(step.agent(), step.pattern(), step.capability()).filter(Objects::nonNull).count() != 1) {
                throw new InvalidPlanException(where, "Step '" + step.id()
                        + "' needs exactly one of 'agent', 'pattern' and 'capability'");
            }
            for (String reference : StepInputs.references(step.input())) {
                if (!graph.ancestorsOf(step.id()).contains(reference)) {
                    throw new InvalidPlanException(where, "Step '" + step.id() + "' uses the output of '" + reference
                            + "', which it does not depend on");
                }
            }
            try {
                routes.put(step.id(), router.route(step.agent(), step.pattern(), step.capability()));
            } catch (UnroutableTaskException e) {
                throw new InvalidPlanException(where, "Step '" + step.id() + "': " + e.getMessage());
            }
        }
        return new Checked(graph, routes);
    }

    private void createSteps(AgentSession session, NewPlan plan, Checked checked, boolean fallback, Instant now) {
        Map<String, NewPlan.Step> byId = new HashMap<>();
        plan.steps().forEach(s -> byId.put(s.id(), s));
        List<String> order = checked.graph().topologicalOrder();
        List<Task> steps = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            NewPlan.Step step = byId.get(order.get(i));
            Router.Route route = checked.routes().get(step.id());
            Task task = Task.forAgent(route.agent())
                    .pattern(step.pattern())
                    .capability(step.capability())
                    .action(step.action())
                    .input(Json.write(step.input()))
                    .priority(route.priority(step.priority(), TaskSubmission.DEFAULT_PRIORITY))
                    .retryPolicy(retryDefaults.with(step.retryPolicy()))
                    .timeoutSeconds(route.timeoutSeconds(null))
                    .attemptTimeoutMs(step.timeoutMs())
                    .step(session.id(), step.id(), i, Json.write(step.dependencies()), fallback)
                    .owner(session.userId())
                    .createdAt(now);
            steps.add(task);
        }
        tasks.store(steps, now);
    }

    private static List<String> dependencies(String json) {
        return Json.MAPPER.convertValue(Json.read(json),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static String write(NewPlan plan) {
        return Json.write((Object) plan);
    }

    private static NewPlan read(String json) {
        try {
            return Json.MAPPER.readValue(json, NewPlan.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
