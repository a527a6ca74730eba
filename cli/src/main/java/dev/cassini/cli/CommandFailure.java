package dev.cassini.cli;

/**
 * A command cannot do what was asked, for a reason the user can act on. Its message is printed as
 * it is, without a stack trace: it says what is wrong and what to do.
 */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }
}
