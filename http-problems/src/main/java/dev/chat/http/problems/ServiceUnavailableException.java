package dev.chat.http.problems;

/** The request is sound but cannot be served now or here (503); the code says why and whether to try again. */
public class ServiceUnavailableException extends ApiException {

    public ServiceUnavailableException(String code, String detail) {
        super(code, detail);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }
}
