package dev.chat.http.problems;

public final class NotFoundException extends ApiException {

    public NotFoundException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
