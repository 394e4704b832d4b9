package io.agentry.remote.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentBean;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.remote.control.RemoteCalls;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * Takes the task messages of every remote (HTTP) agent and hands each attempt to one of that
 * agent's endpoints. Remote agents are registered at run time, so one pool serves them all.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "agentry.tasks"),
    @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "agentKind = 'http'"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${agentry.remote-agents.concurrency}"),
    // No prefetch: a consumer takes the highest-priority message only when it is free.
    @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
public class RemoteAgent extends AgentBean {

    @Inject
    RemoteCalls calls;

    @Override
    protected JsonNode process(AgentTask task) throws AgentFailure {
        return calls.call(task);
    }
}
