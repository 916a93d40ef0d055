package dev.atelier.dashboard.persistence;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.postgresql.util.PGobject;

/** Maps JDBC rows to JSON: column names as keys, JSONB parsed, timestamps as ISO-8601 strings. */
final class Rows {

    private Rows() {
    }

    static JsonObject toJson(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        JsonObject row = new JsonObject();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), value(rs, i, meta.getColumnTypeName(i)));
        }
        return row;
    }

    static JsonArray all(ResultSet rs) throws SQLException {
        JsonArray out = new JsonArray();
        while (rs.next()) {
            out.add(toJson(rs));
        }
        return out;
    }

    private static Object value(ResultSet rs, int i, String typeName) throws SQLException {
        if (typeName.startsWith("timestamp")) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant().toString();
        }
        Object v = rs.getObject(i);
        if (v instanceof PGobject pg) {
            return pg.getValue() == null ? null : Json.decodeValue(pg.getValue());
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        return v;
    }
}
