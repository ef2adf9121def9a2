package dev.chat.http.problems;

public final class BadRequestException extends ApiException {

    public BadRequestException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Bad request";
    }
}
