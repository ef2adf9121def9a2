package dev.chat.api.workspaces;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.testing.ChatTestResource;
import dev.chat.testing.Concurrently;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ChatTestResource.class)
class WorkspaceTest {

    @Test
    void concurrentFirstCallsOfANewUserCreateOneAccount() throws Exception {
        String subject = TestData.newSubject("newcomer");
        String token = Tokens.forSubject(subject, newOrg());
        List<Integer> statuses = Concurrently.run(10, () -> given().auth().oauth2(token).get("/api/me").statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(1, TestData.count("SELECT count(*) FROM users WHERE idp_subject = ?", subject));
    }

    @Test
    void signupCreatesTheWorkspaceItsAdminAndGeneral() {
        String org = newOrg();
        String subject = TestData.newSubject("founder");
        as(subject, org).get("/api/me").then().statusCode(200)
                .body("needs_workspace", equalTo(true)).body("workspaces.size()", equalTo(0))
                .body("user.id", notNullValue())
                // The token carries no email: it comes from the identity provider's user directory.
                .body("user.email", equalTo(subject))
                .body("user.name", equalTo("Founder"));

        Map<String, Object> created = as(subject, org).body(Map.of("name", "  Café Société, Inc.  "))
                .post("/api/workspaces").then().statusCode(201)
                .body("name", equalTo("Café Société, Inc."))
                .body("plan_tier", equalTo("free"))
                .body("seat_limit", equalTo(10))
                .body("created_at", notNullValue())
                .extract().as(Map.class);
        String id = (String) created.get("id");
        String slug = (String) created.get("slug");
        assertEquals(true, slug.equals("cafe-societe-inc") || slug.startsWith("cafe-societe-inc-"), slug);

        assertEquals("admin active", TestData.string("""
                SELECT wm.role || ' ' || wm.status FROM workspace_members wm JOIN users u ON u.id = wm.user_id
                WHERE wm.workspace_id = ?::uuid AND u.idp_subject = ?
                """, id, subject));
        assertEquals(1, TestData.count("""
                SELECT count(*) FROM channels c JOIN channel_members cm ON cm.channel_id = c.id
                JOIN users u ON u.id = cm.user_id
                WHERE c.workspace_id = ?::uuid AND c.slug = 'general' AND c.visibility = 'public' AND u.idp_subject = ?
                """, id, subject));
        as(subject, org).get("/api/me").then().statusCode(200)
                .body("needs_workspace", equalTo(false))
                .body("workspaces[0].id", equalTo(id))
                .body("workspaces[0].role", equalTo("admin"))
                .body("workspaces[0].slug", equalTo(slug));

        // A colleague from the same organization is told to join instead, with the id to ask for.
        as(TestData.newSubject("colleague"), org).body(Map.of("name", "Another")).post("/api/workspaces")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("workspace_exists")).body("workspace_id", equalTo(id));
        assertEquals(1, TestData.count("SELECT count(*) FROM workspaces WHERE org_id = ?", org));
    }

    @Test
    void takenSlugsGetTheNextNumberEvenWhenSignupsRace() throws Exception {
        String name = "Racing " + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> statuses = Concurrently.run(5, () -> as(TestData.newSubject("racer"), newOrg())
                .body(Map.of("name", name)).post("/api/workspaces").statusCode());
        assertEquals(List.of(201), statuses.stream().distinct().toList());
        String base = name.toLowerCase().replace(' ', '-');
        assertEquals(List.of(base, base + "-2", base + "-3", base + "-4", base + "-5"), List.of(TestData.string("""
                SELECT string_agg(slug, ',' ORDER BY length(slug), slug) FROM workspaces WHERE slug LIKE ? || '%'
                """, base).split(",")));
    }

    @Test
    void oneOrganizationGetsOneWorkspaceHoweverManyAskAtOnce() throws Exception {
        String org = newOrg();
        List<Integer> statuses = Concurrently.run(6, () -> as(TestData.newSubject("eager"), org)
                .body(Map.of("name", "Eager")).post("/api/workspaces").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, TestData.count("SELECT count(*) FROM workspaces WHERE org_id = ?", org));
    }

    @Test
    void refusedSignupsWriteNothing() {
        long before = TestData.count("SELECT count(*) FROM workspaces");
        String subject = TestData.newSubject("orphan");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.forSubject(subject))
                .body(Map.of("name", "No org")).post("/api/workspaces")
                .then().statusCode(403).body("code", equalTo("organization_required"));
        for (Object name : List.of("", "   ", "x".repeat(81))) {
            as(subject, newOrg()).body(Map.of("name", name)).post("/api/workspaces")
                    .then().statusCode(400).body("code", equalTo("validation_failed"));
        }
        as(subject, newOrg()).body("{}").post("/api/workspaces").then().statusCode(400);
        assertEquals(before, TestData.count("SELECT count(*) FROM workspaces"));
    }

    private static String newOrg() {
        return "org_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static RequestSpecification as(String subject, String org) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.forSubject(subject, org));
    }
}
