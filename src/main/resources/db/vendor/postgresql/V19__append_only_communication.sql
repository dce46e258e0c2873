-- What was sent, and what came back, is evidence: rows are only ever added. An UPDATE or DELETE fails, whoever runs
-- it. (TRUNCATE, an operator's deliberate wipe of a whole table, e.g. of a test system, is not blocked.)
CREATE FUNCTION overdue_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER communication_log_append_only BEFORE UPDATE OR DELETE ON communication_log
    FOR EACH ROW EXECUTE FUNCTION overdue_append_only();
CREATE TRIGGER sms_status_event_append_only BEFORE UPDATE OR DELETE ON sms_status_event
    FOR EACH ROW EXECUTE FUNCTION overdue_append_only();
CREATE TRIGGER sms_inbound_append_only BEFORE UPDATE OR DELETE ON sms_inbound
    FOR EACH ROW EXECUTE FUNCTION overdue_append_only();
