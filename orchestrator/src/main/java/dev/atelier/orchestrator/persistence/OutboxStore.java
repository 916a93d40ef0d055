package dev.atelier.orchestrator.persistence;

import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The transactional outbox: messages written in the caller's transaction, sent later by the publisher. */
public final class OutboxStore {
    public static final String PRODUCER = "orchestrator";

    /** A pending record. */
    public record Pending(long id, String topic, String key, Integer partition, String payload, long ageMillis) {
    }

    private OutboxStore() {
    }

    /** Adds {@code message} in the caller's transaction; {@code partition} null lets Kafka choose by key. */
    public static void add(Connection c, String topic, Integer partition, Message message) throws SQLException {
        Rows.update(c, "INSERT INTO outbox (topic, record_key, partition, payload) VALUES (?, ?, ?, ?)",
                topic, message.key(), partition, MessageCodec.encode(PRODUCER, message));
    }

    public static List<Pending> pending(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = Rows.prepare(c, "SELECT id, topic, record_key, partition, payload,"
                + " (extract(epoch FROM now() - created_at) * 1000)::bigint AS age FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?", limit);
             var rs = ps.executeQuery()) {
            List<Pending> out = new java.util.ArrayList<>();
            while (rs.next()) {
                Integer partition = rs.getObject(4) == null ? null : rs.getInt(4);
                out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), partition, rs.getString(5), rs.getLong(6)));
            }
            return out;
        }
    }

    public static void markSent(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }
}
