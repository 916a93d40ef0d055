package dev.atelier.dashboard.persistence;

/** The sweep, run or artifact asked for does not exist; answered with 404. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
