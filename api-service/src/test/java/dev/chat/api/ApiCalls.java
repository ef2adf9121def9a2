package dev.chat.api;

import static io.restassured.RestAssured.given;

import dev.chat.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The REST calls the API tests make, as a given user. */
public final class ApiCalls {

    private ApiCalls() {
    }

    public static RequestSpecification as(String subject) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.forSubject(subject));
    }

    /** Posts a message (a reply when {@code replyTo} is set), expects 201 and returns its id. */
    public static String post(String subject, UUID channel, String content, String replyTo) {
        return as(subject).body(body(channel, content, replyTo)).post("/api/messages")
                .then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> body(UUID channel, String content, String replyTo) {
        Map<String, Object> body = new HashMap<>(Map.of("channel_id", channel, "content", content));
        if (replyTo != null) {
            body.put("reply_to_message_id", replyTo);
        }
        return body;
    }
}
