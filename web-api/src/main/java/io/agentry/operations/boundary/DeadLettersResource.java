package io.agentry.operations.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.audit.boundary.Audited;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.QueryParams;
import io.agentry.tasks.boundary.TaskView;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/dead-letters}: what died and why, and putting it back on the queue.
 */
@Path("dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
public class DeadLettersResource {

    @Inject
    DeadLetterQueue deadLetters;

    @Inject
    TaskRecovery recovery;

    /** What is on the dead-letter queue. */
    public record DeadLetters(List<DeadLetterQueue.DeadLetter> deadLetters, int count) {
    }

    /** A task taken off the dead-letter queue and queued again. */
    public record Requeued(UUID taskId, String status) {
    }

    @GET
    @Operation(summary = "List the dead-letter queue")
    public DeadLetters list(@QueryParam("agent") String agent, @QueryParam("limit") String limit) {
        List<DeadLetterQueue.DeadLetter> letters = deadLetters.list(agent, QueryParams.integer("limit", limit, 100, 1, 1000));
        return new DeadLetters(letters, letters.size());
    }

    @POST
    @Path("{taskId}/retry")
    @Audited("dead_letter.retry")
    @Operation(summary = "Take a dead task off the queue and queue it again")
    public Requeued retry(@PathParam("taskId") String taskId) {
        UUID id = ProblemException.uuidOrNotFound("task", taskId);
        var task = recovery.retry(id).orElseThrow(() -> ProblemException.notFound("No task with id " + id));
        return new Requeued(task.id(), task.status().apiName());
    }

    @POST
    @Path("retry-all")
    @Audited("dead_letters.retry_all")
    @Operation(summary = "Queue every dead task (of one agent) again")
    public TaskView.Retried retryAll(@QueryParam("agent") String agent) {
        return new TaskView.Retried(recovery.retryAll(TaskStatus.DEAD, agent));
    }
}
