package dev.atelier.schemas.messages;

/** A record that cannot be parsed or fails its JSON Schema; the message says why (goes to the dead-letter topic). */
public class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String reason) {
        super(reason);
    }

    public InvalidMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
