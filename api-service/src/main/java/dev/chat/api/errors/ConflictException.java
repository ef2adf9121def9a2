package dev.chat.api.errors;

public final class ConflictException extends ApiException {

    public ConflictException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
