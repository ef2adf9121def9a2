package dev.chat.http.problems;

public final class ForbiddenException extends ApiException {

    public ForbiddenException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
