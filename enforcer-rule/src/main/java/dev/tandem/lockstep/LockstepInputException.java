package dev.tandem.lockstep;

/**
 * A version the rule has to check cannot be determined: a processor path without a version, an unresolved
 * property, a version range, an artifact that cannot be resolved, a POM that cannot be read. The message names the
 * coordinate and the fix; the rule reports it like a violation, so {@code <level>WARN</level>} applies to it.
 */
public final class LockstepInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public LockstepInputException(String message) {
        super(message);
    }

    public LockstepInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
