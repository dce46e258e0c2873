-- The invoice as the customer first received it (a PDF from the ERP), attached to the dunning emails so that
-- the customer has everything in one place. One copy per invoice; a new upload replaces it.
-- BYTEA: see V3__letters.sql.
CREATE TABLE invoice_copy (
    invoice_id   BIGINT        NOT NULL PRIMARY KEY,
    file_name    VARCHAR(200)  NOT NULL,
    pdf          BYTEA         NOT NULL,
    size         INTEGER       NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_invoice_copy_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT ck_invoice_copy_size CHECK (size > 0)
);
