package dev.chat.http.problems;

/** Something the client holds (an invite link) existed but can no longer be used. */
public final class GoneException extends ApiException {

    public GoneException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 410;
    }

    @Override
    public String title() {
        return "Gone";
    }
}
