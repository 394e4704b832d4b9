package io.agentry.health.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the broker answers on the task queue.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Resource(lookup = "jms/agentry/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/agentry/Tasks")
    Queue tasks;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        try (JMSContext context = connectionFactory.createContext();
                QueueBrowser browser = context.createBrowser(tasks)) {
            browser.getEnumeration().hasMoreElements();
            return response.up().withData("queue", tasks.getQueueName()).build();
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
