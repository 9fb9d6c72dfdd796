package org.smmubench.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: one or more located errors. Front-ends print them and exit with code 2. */
public final class ScenarioException extends RuntimeException {
    private final List<InputError> errors;

    public ScenarioException(List<InputError> errors) {
        super(errors.stream().map(InputError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ScenarioException(SourcePos pos, String message) {
        this(List.of(new InputError(pos, message)));
    }

    public List<InputError> errors() { return errors; }
}
