package dev.chat.api.access;

/**
 * Who is calling, as the verified access token says: the identity provider's subject and, when the token names one,
 * the organization ({@code org_id}, as WorkOS AuthKit puts it). Nothing else is taken from the token: what the caller
 * may do is read from the database.
 */
public record Caller(String subject, String orgId) {
}
