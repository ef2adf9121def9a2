package dev.chat.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Every event the system emits, in one place. The wire name is what clients switch on. */
public enum EventType {
    MESSAGE_CREATED("message.created"),
    MESSAGE_UPDATED("message.updated"),
    MESSAGE_DELETED("message.deleted"),
    REACTION_ADDED("reaction.added"),
    REACTION_REMOVED("reaction.removed"),
    MENTION_CREATED("mention.created"),
    CHANNEL_READ("channel.read"),
    CONVERSATION_READ("conversation.read"),
    CONVERSATION_CREATED("conversation.created"),
    CONVERSATION_UPDATED("conversation.updated"),
    CONVERSATION_SHARED("conversation.shared"),
    CHANNEL_CREATED("channel.created"),
    CHANNEL_UPDATED("channel.updated"),
    CHANNEL_MEMBER_JOINED("channel.member_joined"),
    CHANNEL_MEMBER_LEFT("channel.member_left"),
    DM_CREATED("dm.created"),
    MEMBER_INVITED("member.invited"),
    MEMBER_JOINED("member.joined"),
    MEMBER_REMOVED("member.removed"),
    WORKSPACE_PLAN_CHANGED("workspace.plan_changed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
