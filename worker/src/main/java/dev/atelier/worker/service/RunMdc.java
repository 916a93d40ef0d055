package dev.atelier.worker.service;

import org.slf4j.MDC;

/** Puts runId and attempt into the logging MDC for the lines written inside a try-with-resources block. */
public final class RunMdc implements AutoCloseable {
    private final String previousRun;
    private final String previousAttempt;

    private RunMdc(String runId, int attempt) {
        previousRun = MDC.get("runId");
        previousAttempt = MDC.get("attempt");
        MDC.put("runId", runId);
        MDC.put("attempt", String.valueOf(attempt));
    }

    public static RunMdc of(String runId, int attempt) {
        return new RunMdc(runId, attempt);
    }

    @Override
    public void close() {
        restore("runId", previousRun);
        restore("attempt", previousAttempt);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
