package dev.atelier.schemas.config;

/** One thing wrong with a run configuration: which field, what is wrong, and what is allowed. */
public record ConfigProblem(String field, String problem, String allowed) {

    /** A single line a person can act on, e.g. {@code lr=-1: must be > 0 (allowed: number in [1e-7, 10])}. */
    public String oneLine() {
        return field + ": " + problem + (allowed == null || allowed.isEmpty() ? "" : " (allowed: " + allowed + ")");
    }
}
