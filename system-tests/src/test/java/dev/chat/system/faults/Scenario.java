package dev.chat.system.faults;

import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault-injection case: a workspace of its own, clients subscribed to all its channels over the gateways (half
 * starting on each), messages posted at a steady rate; the fault strikes halfway through. Afterwards it waits until
 * every client holds every acknowledged message of its rooms and reports what it took.
 */
final class Scenario implements AutoCloseable {

    static final int CHANNELS = 4;
    static final int CLIENTS = 8;

    private final List<UUID> channels = new ArrayList<>();
    private final List<ResumingClient> clients = new ArrayList<>();
    private final Traffic traffic;

    Scenario(String apiUrl, List<String> gateways, int ratePerSecond) {
        UUID workspace = TestData.workspace();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(TestData.channel(workspace, "room-" + i, "public"));
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String subject = TestData.newSubject("member" + i);
            UUID user = TestData.user(subject);
            TestData.activeMember(workspace, user, "member");
            channels.forEach(channel -> TestData.channelMember(channel, user));
            tokens.add(Tokens.forSubject(subject));
        }
        traffic = new Traffic(apiUrl, channels, tokens, ratePerSecond);
        List<String> rooms = channels.stream().map(channel -> "channel:" + channel).toList();
        for (int i = 0; i < CLIENTS; i++) {
            String token = tokens.get(i);
            clients.add(new ResumingClient(gateways, i, token, rooms,
                    room -> traffic.refetch(UUID.fromString(room.substring("channel:".length())), token)));
        }
    }

    List<ResumingClient> clients() {
        return clients;
    }

    /** Connects the clients, posts for {@code duration} with {@code fault} run halfway, then awaits every client. */
    Outcome run(String name, Duration duration, Fault fault) throws Exception {
        clients.forEach(ResumingClient::start);
        awaitConnected(Duration.ofSeconds(30));
        traffic.start();
        Thread.sleep(duration.toMillis() / 2);
        long faultStarted = System.nanoTime();
        fault.strike();
        long faultEnded = System.nanoTime();
        long remaining = duration.toMillis() / 2 - (faultEnded - faultStarted) / 1_000_000;
        if (remaining > 0) {
            Thread.sleep(remaining);
        }
        traffic.stopAndSettle(Duration.ofSeconds(60));
        long caughtUp = awaitEveryMessage(Duration.ofSeconds(60));
        return outcome(name, (faultEnded - faultStarted) / 1_000_000,
                caughtUp < 0 ? -1 : (caughtUp - traffic.lastAcknowledgedNanos()) / 1_000_000);
    }

    /** What the test does to the system; it may take a while (a restart) and is timed. */
    interface Fault {
        void strike() throws Exception;
    }

    private void awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.stream().anyMatch(client -> client.subscriptions.get() < CHANNELS)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("clients not subscribed within " + timeout + ": " + clients);
            }
            Thread.sleep(50);
        }
    }

    /** @return when the last client caught up ({@link System#nanoTime()}), or -1 if one never did */
    private long awaitEveryMessage(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (missing() == 0) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /** Acknowledged messages that some client does not hold, summed over clients and rooms. */
    private int missing() {
        int missing = 0;
        for (ResumingClient client : clients) {
            for (UUID channel : channels) {
                Set<String> expected = new HashSet<>(traffic.acknowledged(channel));
                expected.removeAll(client.messageIds("channel:" + channel));
                missing += expected.size();
            }
        }
        return missing;
    }

    private Outcome outcome(String name, long faultMillis, long catchUpMillis) {
        Map<String, Integer> closes = new TreeMap<>();
        for (ResumingClient client : clients) {
            client.closeCodes.forEach((code, count) -> closes.merge(code, count.get(), Integer::sum));
        }
        return new Outcome(name, traffic.acknowledgedCount(), clients.size(), CHANNELS, missing(),
                sum(client -> client.repeatedFrames), sum(client -> client.gaps),
                sum(client -> client.recoveredTrue), sum(client -> client.recoveredFalse),
                sum(client -> client.connections) - clients.size(), closes, traffic.unavailableAnswers.get(),
                traffic.brokenConnections.get(), traffic.refused.get(), faultMillis, catchUpMillis);
    }

    private int sum(java.util.function.Function<ResumingClient, AtomicInteger> counter) {
        return clients.stream().mapToInt(client -> counter.apply(client).get()).sum();
    }

    @Override
    public void close() {
        clients.forEach(ResumingClient::close);
        traffic.close();
    }

    /** One case's figures, as docs/reliability.md reports them. */
    record Outcome(String name, int messages, int clients, int rooms, int lost, int repeatedFrames, int gaps,
                   int recoveredTrue, int recoveredFalse, int reconnects, Map<String, Integer> closeCodes,
                   int unavailableAnswers, int brokenConnections, int refusedPosts, long faultMillis,
                   long catchUpMillis) {

        String row() {
            return "| %s | %d | %d × %d rooms | %d | %d | %d | %d / %d | %d | %s | %d / %d | %d ms | %s |".formatted(
                    name, messages, clients, rooms, lost, repeatedFrames, gaps, recoveredTrue, recoveredFalse,
                    reconnects, closeCodes, unavailableAnswers, brokenConnections, faultMillis,
                    catchUpMillis < 0 ? "never" : catchUpMillis + " ms");
        }
    }
}
