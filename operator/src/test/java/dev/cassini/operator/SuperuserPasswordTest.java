package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class SuperuserPasswordTest {
    private static final Pattern HASHED = Pattern.compile("HASHED PASSWORD = '(\\$2a\\$04\\$[./A-Za-z0-9]{53})'");

    @Test
    void aGeneratedPasswordGoesAsAHashAtTheLeastWorkFactorThatChecksAgainstItAndNoOtherPassword() {
        var credentials = new SuperuserSecret.Credentials("demo-superuser", "k7Qm2xRbZ9pLw3NvH8tYc4Ja", true);

        String option = SuperuserPassword.roleOption(credentials);

        Matcher hashed = HASHED.matcher(option);
        assertThat(hashed.matches()).as(option).isTrue();
        assertThat(option).doesNotContain(credentials.password());
        assertThat(BCrypt.checkpw(credentials.password(), hashed.group(1))).isTrue();
        assertThat(BCrypt.checkpw("k7Qm2xRbZ9pLw3NvH8tYc4Jb", hashed.group(1))).isFalse();
        // salted: the same password never gives the same hash twice
        assertThat(SuperuserPassword.roleOption(credentials)).isNotEqualTo(option);
    }

    @Test
    void aPasswordFromTheUsersSecretGoesAsIsForCassandraToHashAtItsOwnWorkFactor() {
        var credentials = new SuperuserSecret.Credentials("admin", "it's mine", false);

        assertThat(SuperuserPassword.roleOption(credentials)).isEqualTo("PASSWORD = 'it''s mine'");
    }
}
