package dev.chat.model;

import java.util.List;

/** A page of a list, and the opaque cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
}
