package dev.chat.api.reads;

import dev.chat.http.problems.ApiException;
import dev.chat.model.Limits;
import dev.chat.model.protocol.ErrorCode;

/** The {@code limit} query parameter of lists: 50 when absent, 1 to {@value Limits#PAGE_MAX_ITEMS}. */
final class PageSize {

    static final int DEFAULT = 50;

    private PageSize() {
    }

    static int of(Integer limit) {
        if (limit == null) {
            return DEFAULT;
        }
        if (limit < 1 || limit > Limits.PAGE_MAX_ITEMS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "Parameter 'limit' must be 1 to " + Limits.PAGE_MAX_ITEMS + ".");
        }
        return limit;
    }
}
