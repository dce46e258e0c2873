-- A customer's whole communication log, e.g. exported for an agency or a court.
CREATE INDEX ix_communication_customer ON communication_log (customer_number, sent_at);
