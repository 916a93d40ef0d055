package dev.atelier.schemas.config;

/** The value types a run option can have. */
public enum OptionType {
    INT("integer"),
    FLOAT("number"),
    BOOL("true|false"),
    CHOICE("one of the listed values"),
    STRING("text"),
    INT_LIST("comma-separated integers");

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
