-- Remote HTTP agents and pausing. An agent can be paused (its tasks wait, status 'paused');
-- a remote agent has endpoints, each with a weight and the outcome of its last health check.

ALTER TABLE agents ADD COLUMN paused BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE agent_endpoints (
    id                UUID PRIMARY KEY,
    agent_id          UUID          NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    url               VARCHAR(2000) NOT NULL,
    weight            INTEGER       NOT NULL DEFAULT 1,
    healthy           BOOLEAN       NOT NULL DEFAULT TRUE,
    last_health_check TIMESTAMP(6) WITH TIME ZONE,
    last_health_error VARCHAR(1000),
    CONSTRAINT uk_agent_endpoints UNIQUE (agent_id, url),
    CONSTRAINT ck_endpoint_weight CHECK (weight BETWEEN 1 AND 1000)
);
