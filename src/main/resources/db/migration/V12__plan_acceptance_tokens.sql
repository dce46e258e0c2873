-- Every token issued for the link in a payment plan's written confirmation (docs/plan-acceptance.md), so that it
-- can be used once and revoked. The token itself is signed and carries plan, invoice and expiry; the row is keyed by
-- the SHA-256 (hex) of its random id, which is never stored. used_at / used_from_ip record the acceptance;
-- revoked_at is set when a newer proposal made the link worthless. plan_id is the payment plan's id (no foreign key
-- here: the plan table comes with the payment-plan subprocess).
CREATE TABLE plan_acceptance_token (
    token_hash      CHAR(64)       NOT NULL PRIMARY KEY,
    plan_id         BIGINT         NOT NULL,
    invoice_number  VARCHAR(64)    NOT NULL,
    issued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE,
    used_from_ip    VARCHAR(64),
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_plan_acceptance_token_expiry CHECK (expires_at > issued_at),
    CONSTRAINT ck_plan_acceptance_token_state CHECK (used_at IS NULL OR revoked_at IS NULL)
);

CREATE INDEX ix_plan_acceptance_token_plan ON plan_acceptance_token (plan_id);
