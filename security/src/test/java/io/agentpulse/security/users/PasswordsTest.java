package io.agentpulse.security.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void hashesAreArgon2idPhcStringsWithOwaspParametersAndVerify() {
        String h = Passwords.hash("correct horse battery");
        assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(Passwords.verify("correct horse battery", h)).isTrue();
        assertThat(Passwords.verify("correct horse batterY", h)).isFalse();
        assertThat(Passwords.hash("correct horse battery")).as("salted").isNotEqualTo(h);
    }

    @Test
    void malformedStoredStringsAndUnknownUsersNeverVerify() {
        assertThat(Passwords.verify("x", "$argon2i$v=19$m=8,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(Passwords.verify("x", "$argon2id$v=19$m=8,t=1,p=1$!!$AAAA")).isFalse();
        assertThat(Passwords.verify("x", "plain")).isFalse();
        assertThat(Passwords.verify(null, Passwords.hash("abcdefghijkl"))).isFalse();
        assertThat(Passwords.dummyVerify("anything")).isFalse();
    }

    @Test
    void policyNeedsTwelveCharacters() {
        assertThat(Passwords.problem("short")).contains("at least 12");
        assertThat(Passwords.problem(null)).isNotNull();
        assertThat(Passwords.problem("twelve chars")).isNull();
        assertThat(Passwords.randomPassword()).hasSize(24);
    }
}
