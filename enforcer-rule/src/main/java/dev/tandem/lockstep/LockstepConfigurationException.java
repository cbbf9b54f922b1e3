package dev.tandem.lockstep;

/** The rule's own configuration is wrong (a malformed group, for example): the build fails whatever the level. */
final class LockstepConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    LockstepConfigurationException(String message) {
        super(message);
    }
}
