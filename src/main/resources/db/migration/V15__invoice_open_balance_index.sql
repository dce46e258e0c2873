-- Suggestions for a payment nothing matched: the open invoices whose open balance is the payment's amount.
CREATE INDEX ix_invoice_open_balance ON invoice (open_balance, currency);
