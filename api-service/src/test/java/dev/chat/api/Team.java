package dev.chat.api;

import dev.chat.testing.TestData;
import java.util.UUID;

/**
 * A fresh workspace for one test: alice (admin), bob and carol (members), the public channels #general and
 * #engineering, and the private #leadership with carol as its only member.
 */
public record Team(UUID workspace, UUID general, UUID engineering, UUID leadership, UUID alice, UUID bob, UUID carol,
                   String aliceSubject, String bobSubject, String carolSubject) {

    public static Team create() {
        UUID workspace = TestData.workspace();
        String aliceSubject = TestData.newSubject("alice");
        String bobSubject = TestData.newSubject("bob");
        String carolSubject = TestData.newSubject("carol");
        UUID alice = TestData.user(aliceSubject);
        UUID bob = TestData.user(bobSubject);
        UUID carol = TestData.user(carolSubject);
        TestData.activeMember(workspace, alice, "admin");
        TestData.activeMember(workspace, bob, "member");
        TestData.activeMember(workspace, carol, "member");
        UUID general = TestData.channel(workspace, "general", "public");
        UUID engineering = TestData.channel(workspace, "engineering", "public");
        UUID leadership = TestData.channel(workspace, "leadership", "private");
        TestData.channelMember(leadership, carol);
        return new Team(workspace, general, engineering, leadership, alice, bob, carol, aliceSubject, bobSubject,
                carolSubject);
    }
}
