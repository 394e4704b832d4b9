/**
 * The JMX admin console: MXBeans for the orchestrator, each active agent and the task queues, on the
 * platform MBean server, handing every operation to the same controls as the REST API.
 */
package io.agentry.admin.boundary;
