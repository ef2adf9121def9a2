package dev.chat.http.problems;

import java.util.Map;

/** The workspace has no free seat: 402, since the way out is a bigger plan (or a member leaving). */
public final class SeatLimitException extends ApiException {

    public static final String CODE = "seat_limit_reached";

    private final int seatLimit;
    private final int seatsUsed;

    public SeatLimitException(int seatLimit, int seatsUsed) {
        super(CODE, "Every seat of this workspace is taken (" + seatsUsed + " of " + seatLimit + "): an admin can add "
                + "seats or free one.");
        this.seatLimit = seatLimit;
        this.seatsUsed = seatsUsed;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("seat_limit", seatLimit, "seats_used", seatsUsed);
    }

    @Override
    public int status() {
        return 402;
    }

    @Override
    public String title() {
        return "Seat limit reached";
    }
}
