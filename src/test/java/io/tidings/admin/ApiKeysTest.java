package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.core.Tokens;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ApiKeysTest extends ServiceTest {

    @Inject
    Operators operators;
    @Inject
    AdminSessions sessions;

    @Test
    void a_key_is_shown_once_stored_hashed_and_works_for_its_scopes_only_until_revoked() {
        HttpResponse<String> created = http.postJson("/admin/api-keys",
                "{\"name\":\"CMS import\",\"scopes\":[\"articles:write\",\"articles:read\"]}", asAdmin());
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> body = Json.object(created.body());
        String key = (String) body.get("key");
        long id = ((Number) body.get("id")).longValue();
        assertThat(key).hasSize(43);
        assertThat(sql.count("SELECT COUNT(*) FROM api_key WHERE key_hash = ?", Tokens.sha256(key))).isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM api_key WHERE key_hash = ? OR name = ?", key, key)).isZero();

        String[] bearer = {"Authorization", "Bearer " + key};
        assertThat(http.get("/admin/articles", bearer).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = http.get("/admin/subscribers", bearer);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> listed = http.get("/admin/api-keys", asAdmin());
        assertThat(listed.body()).contains("CMS import").contains("articles:write").contains("lastUsedAt")
                .doesNotContain(key).doesNotContain(Tokens.sha256(key));

        assertThat(http.send("DELETE", "/admin/api-keys/" + id, asAdmin()).statusCode()).isEqualTo(204);
        assertThat(http.get("/admin/articles", bearer).statusCode()).as("revoked").isEqualTo(401);
        assertThat(http.send("DELETE", "/admin/api-keys/" + id, asAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void last_use_is_written_at_most_once_a_minute() {
        String key = create("{\"name\":\"stats\",\"scopes\":[\"stats:read\"]}");
        String[] bearer = {"Authorization", "Bearer " + key};

        http.get("/admin/stats", bearer);
        String first = sql.text("SELECT CAST(last_used_at AS VARCHAR) FROM api_key WHERE key_hash = ?", Tokens.sha256(key));
        clock.advance(Duration.ofSeconds(30));
        http.get("/admin/stats", bearer);
        assertThat(sql.text("SELECT CAST(last_used_at AS VARCHAR) FROM api_key WHERE key_hash = ?", Tokens.sha256(key)))
                .as("within the minute").isEqualTo(first);
        clock.advance(Duration.ofSeconds(31));
        http.get("/admin/stats", bearer);
        assertThat(sql.text("SELECT CAST(last_used_at AS VARCHAR) FROM api_key WHERE key_hash = ?", Tokens.sha256(key)))
                .as("a minute later").isNotEqualTo(first);
    }

    @Test
    void bad_names_and_scopes_are_422_and_scopes_beyond_the_creators_rights_are_403() {
        for (String bad : List.of("{\"scopes\":[\"stats:read\"]}", "{\"name\":\"x\",\"scopes\":[]}",
                "{\"name\":\"x\",\"scopes\":[\"root\"]}", "{\"name\":\"" + "n".repeat(201) + "\",\"scopes\":[\"stats:read\"]}")) {
            HttpResponse<String> response = http.postJson("/admin/api-keys", bad, asAdmin());
            assertThat(response.statusCode()).as(bad).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        String manager = create("{\"name\":\"manager\",\"scopes\":[\"operators:manage\",\"articles:read\"]}");
        HttpResponse<String> beyond = http.postJson("/admin/api-keys",
                "{\"name\":\"more\",\"scopes\":[\"editions:send\"]}", "Authorization", "Bearer " + manager);
        assertThat(beyond.statusCode()).isEqualTo(403);
        assertThat(beyond.body()).contains("editions:send");
        assertThat(http.postJson("/admin/api-keys", "{\"name\":\"less\",\"scopes\":[\"articles:read\"]}",
                "Authorization", "Bearer " + manager).statusCode()).isEqualTo(201);
    }

    @Test
    void only_operators_manage_may_manage_keys_and_a_key_loses_rights_its_creator_loses() {
        Operator editor = operators.create("editor-keys@tidings.test", "Ed", Rights.Role.EDITOR, "a-password-long-enough");
        assertThat(http.get("/admin/api-keys", OperatorSessions.headers(sessions, sql, editor.id())).statusCode())
                .isEqualTo(403);

        Operator owner = operators.create("owner-keys@tidings.test", "Olive", Rights.Role.OWNER, "a-password-long-enough");
        String[] ownerSession = OperatorSessions.headers(sessions, sql, owner.id());
        HttpResponse<String> created = http.postJson("/admin/api-keys", "{\"name\":\"olive's\",\"scopes\":[\"stats:read\"]}",
                ownerSession);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = (String) Json.object(created.body()).get("key");
        assertThat(http.get("/admin/stats", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);

        sql.update("UPDATE operator SET disabled_at = CURRENT_TIMESTAMP WHERE id = ?", owner.id());
        assertThat(http.get("/admin/stats", "Authorization", "Bearer " + key).statusCode())
                .as("the creator is disabled").isEqualTo(401);
    }

    private String create(String json) {
        HttpResponse<String> created = http.postJson("/admin/api-keys", json, asAdmin());
        assertThat(created.statusCode()).isEqualTo(201);
        return (String) Json.object(created.body()).get("key");
    }

}
