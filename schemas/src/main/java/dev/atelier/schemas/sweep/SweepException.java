package dev.atelier.schemas.sweep;

import dev.atelier.schemas.config.ConfigProblem;
import java.util.List;

/**
 * A sweep request that cannot be accepted. {@code code} says which kind of mistake it is
 * (UNKNOWN_FIELD, INVALID_REQUEST, INVALID_CONFIG, SWEEP_TOO_LARGE); details say what to fix.
 */
public class SweepException extends RuntimeException {
    private final String code;
    private final List<ConfigProblem> details;

    public SweepException(String code, String message, List<ConfigProblem> details) {
        super(message);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public String code() {
        return code;
    }

    public List<ConfigProblem> details() {
        return details;
    }
}
