package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scan itself: it finds what it must, by place and Secret key, and nothing else. */
class SecretScanTest {
    @Test
    void passwordsKeysAndTokensAreSecretNamesAndUsernamesAreNot() {
        assertThat(List.of("password", "tls.key", "ca.key", "secretAccessKey", "token"))
                .allMatch(SecretScan::secretKey);
        assertThat(List.of("username", "tls.crt", "ca.crt", "accessKeyId", "bucket"))
                .noneMatch(SecretScan::secretKey);
    }

    @Test
    void aPemKeyIsLookedForLineByLineAndAShortValueNotAtAll() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n"
                + "-----END PRIVATE KEY-----\n";
        assertThat(SecretScan.needlesOf("Secret x key tls.key", pem))
                .extracting(SecretScan.Needle::value)
                .containsExactly("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "BKcwggSjAgEAAoIBAQC7");
        assertThat(SecretScan.needlesOf("Secret x key password", "short")).isEmpty();
    }

    @Test
    void aFindingNamesThePlaceAndTheKeyButNotTheValue() {
        List<SecretScan.Needle> needles = List.of(
                new SecretScan.Needle("Secret demo-superuser key password", "Zq8-not-a-real-one"),
                new SecretScan.Needle("Secret demo-agent-ca key tls.key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("agent.log", "starting\nCREATE ROLE x WITH PASSWORD = 'Zq8-not-a-real-one'\nok");
        texts.put("event e1", "Created key MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...");
        texts.put("system.log", "nothing to see");

        List<SecretScan.Finding> findings = SecretScan.scan(needles, texts);
        assertThat(findings)
                .extracting(Object::toString)
                .containsExactly(
                        "agent.log:2 holds Secret demo-superuser key password",
                        "event e1:1 holds Secret demo-agent-ca key tls.key")
                .noneMatch(f -> f.contains("Zq8") || f.contains("MIIE"));
    }
}
