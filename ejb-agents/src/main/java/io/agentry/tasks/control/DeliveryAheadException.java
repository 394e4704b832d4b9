package io.agentry.tasks.control;

import jakarta.ejb.ApplicationException;

/**
 * A task message arrived before the database shows what its sender committed. Thrown to roll the
 * delivery back: the broker redelivers it after its redelivery delay, by when the row has caught
 * up. A message whose task never appears ends on the dead letter queue after the broker's attempts.
 */
@ApplicationException(rollback = true)
public class DeliveryAheadException extends RuntimeException {

    public DeliveryAheadException(TaskDelivery delivery) {
        super("Task " + delivery.taskId() + " attempt " + delivery.attempt()
                + " is not visible yet; the delivery is rolled back for redelivery");
    }
}
