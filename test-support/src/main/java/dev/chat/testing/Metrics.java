package dev.chat.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads one sample from a service's {@code /q/metrics} (Prometheus' text format). */
public final class Metrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Metrics() {
    }

    /**
     * @param series the sample's name with its labels as Prometheus writes them, e.g. {@code chat_gateway_sockets}
     *               or {@code chat_gateway_resumes_total{outcome="recovered"}}
     */
    public static double value(URI metricsUrl, String series) {
        String text = scrape(metricsUrl);
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ") || !series.contains("{") && line.startsWith(series + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(series + " is not among the metrics of " + metricsUrl + ":\n" + text);
    }

    private static String scrape(URI metricsUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metricsUrl).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(metricsUrl + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("could not read " + metricsUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
