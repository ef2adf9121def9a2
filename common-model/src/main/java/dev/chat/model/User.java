package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

public record User(UUID id, String email, String name, Instant createdAt) {
}
