package dev.chat.model;

/** One emoji on a message as a reader sees it: how many reacted with it, and whether the reader did. */
public record Reaction(String emoji, int count, boolean me) {
}
