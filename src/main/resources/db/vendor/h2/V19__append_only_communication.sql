-- What was sent, and what came back, is evidence: rows are only ever added (see the PostgreSQL migration of the same
-- version). H2 runs a Java trigger for it.
CREATE TRIGGER communication_log_append_only BEFORE UPDATE, DELETE ON communication_log
    FOR EACH ROW CALL 'io.overdue.communications.AppendOnlyTrigger';
CREATE TRIGGER sms_status_event_append_only BEFORE UPDATE, DELETE ON sms_status_event
    FOR EACH ROW CALL 'io.overdue.communications.AppendOnlyTrigger';
CREATE TRIGGER sms_inbound_append_only BEFORE UPDATE, DELETE ON sms_inbound
    FOR EACH ROW CALL 'io.overdue.communications.AppendOnlyTrigger';
