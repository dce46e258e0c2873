package io.overdue.communications;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** H2's side of the append-only tables (db/vendor/h2/V19): any UPDATE or DELETE of a row fails. */
public class AppendOnlyTrigger implements Trigger {

    private String table;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " is append-only: rows are never changed or deleted");
    }
}
