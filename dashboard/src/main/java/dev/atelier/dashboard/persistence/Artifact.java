package dev.atelier.dashboard.persistence;

/** One stored artifact's bytes. */
public record Artifact(String contentType, byte[] data) {
}
