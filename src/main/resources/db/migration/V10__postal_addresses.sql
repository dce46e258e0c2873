-- Where letters go: the customer's postal address as the lines printed in the letter's window, one per line
-- (newline-separated), country last when it is abroad. Optional: customers dunned by email alone need none.
ALTER TABLE customer ADD COLUMN postal_address VARCHAR(600);
