package io.agentry.operations.boundary;

import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.QueryParams;
import io.agentry.tasks.control.DeadLetterQueue;
import io.agentry.tasks.control.TaskRecovery;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/dead-letters}: what died and why, and putting it back on the queue.
 */
@Path("dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    @Inject
    DeadLetterQueue deadLetters;

    @Inject
    TaskRecovery recovery;

    @GET
    public Map<String, Object> list(@QueryParam("agent") String agent, @QueryParam("limit") String limit) {
        List<DeadLetterQueue.DeadLetter> letters = deadLetters.list(agent, QueryParams.integer("limit", limit, 100, 1, 1000));
        return Map.of("dead_letters", letters, "count", letters.size());
    }

    @POST
    @Path("{taskId}/retry")
    public Map<String, Object> retry(@PathParam("taskId") String taskId) {
        UUID id = ProblemException.uuidOrNotFound("task", taskId);
        var task = recovery.retry(id).orElseThrow(() -> ProblemException.notFound("No task with id " + id));
        return Map.of("task_id", task.id(), "status", task.status().apiName());
    }

    @POST
    @Path("retry-all")
    public Map<String, Object> retryAll(@QueryParam("agent") String agent) {
        return Map.of("retried", recovery.retryAll(TaskStatus.DEAD, agent));
    }
}
