package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

public record Workspace(UUID id, String name, String slug, PlanTier planTier, int seatLimit, Instant createdAt) {
}
