package dev.cassini.operator;

import org.mindrot.jbcrypt.BCrypt;

/**
 * How the superuser's password goes into its CREATE ROLE.
 *
 * <p>Cassandra stores a bcrypt hash of a role's password and checks the password of every new
 * connection against it, on the node, at the hash's own work factor. At Cassandra's default (2^10
 * rounds) that is tens of milliseconds of a core per connection once compiled and far more in a node
 * that has just started; a driver session opens a connection to each node and a control connection,
 * and the operator opens sessions to set auth up, to read the schema and to check logins. During a
 * 3-node bring-up the nodes spent about 1.8 CPU seconds each in bcrypt.
 *
 * <p>A work factor slows down whoever holds the hash and guesses passwords; it protects passwords
 * people choose. The one the operator generates is 24 characters drawn at random from 57 (about 140
 * bits), beyond guessing at any work factor, so its hash is made here at bcrypt's least (2^4, 64
 * times less work per connection) and given as {@code HASHED PASSWORD}. A password from the user's
 * own Secret goes as {@code PASSWORD}, and Cassandra hashes it at its own work factor.
 */
final class SuperuserPassword {
    /** bcrypt's least work factor, for the generated password only. */
    static final int GENERATED_LOG_ROUNDS = 4;

    private SuperuserPassword() {}

    /** The {@code [HASHED] PASSWORD = '...'} option of CREATE ROLE for these credentials. */
    static String roleOption(SuperuserSecret.Credentials credentials) {
        if (credentials.generated()) {
            // A bcrypt hash is [./A-Za-z0-9$] only: nothing to escape.
            return "HASHED PASSWORD = '" + BCrypt.hashpw(credentials.password(), BCrypt.gensalt(GENERATED_LOG_ROUNDS))
                    + "'";
        }
        return "PASSWORD = '" + credentials.password().replace("'", "''") + "'";
    }
}
