package dev.atelier.orchestrator.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers: bind parameters, read rows as JSON objects (jsonb columns parsed, timestamps ISO-8601). */
public final class Rows {
    private Rows() {
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    public static List<JsonObject> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<JsonObject> out = new ArrayList<>();
            while (rs.next()) {
                JsonObject row = new JsonObject();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(camel(meta.getColumnLabel(i)), value(rs.getObject(i), meta.getColumnTypeName(i)));
                }
                out.add(row);
            }
            return out;
        }
    }

    public static JsonObject one(Connection c, String sql, Object... params) throws SQLException {
        List<JsonObject> rows = query(c, sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    private static Object value(Object v, String typeName) {
        if (v == null) {
            return null;
        }
        if ("jsonb".equals(typeName) || "json".equals(typeName)) {
            String text = v.toString().trim();
            return text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.util.UUID u) {
            return u.toString();
        }
        return v;
    }

    private static String camel(String column) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }
}
