package dev.atelier.cli;

/** Turns exceptions into the one line a command prints. */
final class Errors {
    private Errors() {
    }

    /** The message of the innermost cause (or its class when it has none). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
