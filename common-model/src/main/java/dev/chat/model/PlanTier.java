package dev.chat.model;

import com.fasterxml.jackson.annotation.JsonValue;

public enum PlanTier {
    FREE, PRO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
