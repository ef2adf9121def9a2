package dev.chat.http.problems;

public final class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String title() {
        return "Content too large";
    }
}
