package dev.chat.http.problems;

import dev.chat.model.protocol.ErrorCode;
import java.util.Map;

/** The workspace has no free seat: 402, since the way out is a bigger plan (or a member leaving). */
public final class SeatLimitException extends ApiException {

    public SeatLimitException(int seatLimit, int seatsUsed) {
        super(ErrorCode.SEAT_LIMIT_REACHED, "Every seat of this workspace is taken (" + seatsUsed + " of " + seatLimit
                + "): an admin can add seats or free one.", Map.of("seat_limit", seatLimit, "seats_used", seatsUsed));
    }
}
