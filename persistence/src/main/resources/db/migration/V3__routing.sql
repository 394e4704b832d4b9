-- Routing rules: tasks submitted with a pattern go to the rule's target agent and, when the request
-- does not say, get the rule's timeout and priority. The target is an agent's name, not a foreign
-- key: a rule may be written before its (remote) agent registers, and routing refuses it until then.

CREATE TABLE routing_rules (
    pattern         VARCHAR(100) PRIMARY KEY,
    target_agent    VARCHAR(100) NOT NULL,
    timeout_seconds INTEGER,
    priority        INTEGER,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_routing_rules_timeout CHECK (timeout_seconds BETWEEN 1 AND 86400),
    CONSTRAINT ck_routing_rules_priority CHECK (priority BETWEEN 1 AND 5)
);
