package io.agentry.tasks.control;

import io.agentry.agents.entity.Agent;
import io.agentry.routing.control.Router;
import io.agentry.resilience.control.AgentUnavailableException;
import io.agentry.resilience.control.DispatchGate;
import io.agentry.resilience.control.RateLimitExceededException;
import io.agentry.routing.control.UnroutableTaskException;
import io.agentry.tasks.entity.Task;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepts many tasks in one transaction: every task that an agent can take is stored and queued,
 * each with its own priority; the others are refused, and refusing one never undoes the rest.
 */
@Stateless
public class TaskBatches {

    @Inject
    Router router;

    @Inject
    TaskSubmission submission;

    @Inject
    QueueBound bound;

    @Inject
    DispatchGate gate;

    /** What became of one request of a batch: the stored task, or why no agent can take it. */
    public sealed interface Outcome {
    }

    public record Accepted(Task task) implements Outcome {
    }

    public record Unroutable(String reason) implements Outcome {
    }

    /** The agent's breaker is open. */
    public record Unavailable(String reason, long retryAfterSeconds) implements Outcome {
    }

    /** The agent's rate limit allows no more tasks now. */
    public record RateLimited(String reason, long retryAfterSeconds) implements Outcome {
    }

    /** One outcome per request, in the order of the requests; a full queue refuses the whole batch. */
    public List<Outcome> submit(List<NewTask> requests) {
        bound.admit();
        // Route and admit everything before storing anything: TaskSubmission's refusals are
        // application exceptions that would roll back the tasks of the whole batch. Each item is
        // admitted once, here, so it takes one rate-limit token.
        List<Router.Route> routes = new ArrayList<>(requests.size());
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        Map<String, Router.Route> routed = new HashMap<>();
        for (NewTask request : requests) {
            try {
                Router.Route route = route(request, routed);
                gate.admitSubmission(route.agent());
                routes.add(route);
                outcomes.add(null);
            } catch (UnroutableTaskException e) {
                routes.add(null);
                outcomes.add(new Unroutable(e.getMessage()));
            } catch (AgentUnavailableException e) {
                routes.add(null);
                outcomes.add(new Unavailable(e.getMessage(), e.retryAfterSeconds()));
            } catch (RateLimitExceededException e) {
                routes.add(null);
                outcomes.add(new RateLimited(e.getMessage(), e.retryAfterSeconds()));
            }
        }
        List<Integer> admitted = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            if (outcomes.get(i) == null) {
                admitted.add(i);
            }
        }
        List<Task> tasks = submission.acceptAll(admitted.stream().map(requests::get).toList(),
                admitted.stream().map(routes::get).toList());
        for (int i = 0; i < admitted.size(); i++) {
            outcomes.set(admitted.get(i), new Accepted(tasks.get(i)));
        }
        return outcomes;
    }

    /**
     * Items that name the same agent or pattern have the same route, so each is looked up once per
     * batch; a capability is routed item by item, to the least loaded of its agents.
     */
    private Router.Route route(NewTask request, Map<String, Router.Route> routed) {
        String target = request.agent() != null ? "agent " + request.agent()
                : request.pattern() != null ? "pattern " + request.pattern() : null;
        if (target == null) {
            return router.route(null, null, request.capability());
        }
        Router.Route route = routed.get(target);
        if (route == null) {
            route = router.route(request.agent(), request.pattern(), request.capability());
            routed.put(target, route);
        }
        return route;
    }
}
