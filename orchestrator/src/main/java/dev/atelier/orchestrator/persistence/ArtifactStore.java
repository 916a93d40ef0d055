package dev.atelier.orchestrator.persistence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/** Run artifacts (model parameters, checkpoints, confusion matrices, sample grids) kept in PostgreSQL. */
public final class ArtifactStore {

    /** One stored artifact. */
    public record Artifact(String contentType, byte[] data, String sha256) {
    }

    private ArtifactStore() {
    }

    /**
     * Stores (or replaces) an artifact; a name starting with "checkpoint" becomes the run's latest checkpoint,
     * which a requeued attempt resumes from.
     *
     * @return false when the run does not exist
     */
    public static boolean put(Connection c, String runId, String name, String contentType, byte[] data) throws SQLException {
        if (Rows.one(c, "SELECT 1 FROM runs WHERE id = ?", runId) == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO artifacts (run_id, name, content_type, size_bytes, sha256, data) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, name) DO UPDATE SET content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes,
                  sha256 = EXCLUDED.sha256, data = EXCLUDED.data, created_at = now()""")) {
            ps.setString(1, runId);
            ps.setString(2, name);
            ps.setString(3, contentType);
            ps.setLong(4, data.length);
            ps.setString(5, sha256(data));
            ps.setBytes(6, data);
            ps.executeUpdate();
        }
        if (name.startsWith("checkpoint")) {
            Rows.update(c, "UPDATE runs SET checkpoint = ?, updated_at = now() WHERE id = ?", name, runId);
        }
        return true;
    }

    public static Artifact get(Connection c, String runId, String name) throws SQLException {
        try (PreparedStatement ps = Rows.prepare(c, "SELECT content_type, data, sha256 FROM artifacts WHERE run_id = ? AND name = ?", runId, name);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Artifact(rs.getString(1), rs.getBytes(2), rs.getString(3)) : null;
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
