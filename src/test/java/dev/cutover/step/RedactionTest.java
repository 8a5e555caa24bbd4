package dev.cutover.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void secretsInAPlaybooksOutputAreMasked() {
        String output = """
                fatal: [localhost]: FAILED! => {"changed": false, "db_password": "hunter2secret", "msg": "auth failed"}
                TASK [env] DATABASE_URL=postgres://app:s3cr3tpw@db.internal:5432/app
                api_key: AKIAEXAMPLEKEY token=ghp_abcdef123456
                PLAY RECAP localhost : ok=2 changed=0 failed=1""";

        String redacted = Redaction.redact(output);

        assertThat(redacted).doesNotContain("hunter2secret", "s3cr3tpw", "AKIAEXAMPLEKEY", "ghp_abcdef123456")
                .contains("fatal: [localhost]: FAILED!", "auth failed", "db.internal:5432", "failed=1");
    }

    @Test
    void theUserInfoOfAUrlIsMaskedWhole() {
        assertThat(Redaction.urls("voice https://hook:s3cret@clearmyrecord.org/voice/ → https://token@www.example.org/x"))
                .isEqualTo("voice https://•••@clearmyrecord.org/voice/ → https://•••@www.example.org/x");
        assertThat(Redaction.urls("https://www.clearmyrecord.org/voice/?to=me@example.org"))
                .isEqualTo("https://www.clearmyrecord.org/voice/?to=me@example.org");
    }
}
