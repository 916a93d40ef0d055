package dev.atelier.schemas.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a run configuration is invalid; carries every problem found, not just the first. */
public class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::oneLine).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
