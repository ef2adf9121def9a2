package dev.chat.system.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.local.ChatService;
import dev.chat.system.RunningSystem;
import dev.chat.testing.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Zero loss across faults, with real processes: two relays, two gateways, clients that resume as docs/protocol.md
 * tells them to, and messages posted at a steady rate while one part of the system is killed, drained or restarted.
 * Every case ends with every client holding every acknowledged message of its rooms, with no gap in any replay.
 * Each case's figures go to {@code target/zero-loss.md} (docs/reliability.md quotes them). Longer or faster runs:
 * {@code -Dchat.faults.seconds=20 -Dchat.faults.rate=200}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroLossIT {

    private static final Duration TRAFFIC = Duration.ofSeconds(Integer.getInteger("chat.faults.seconds", 8));
    private static final int RATE = Integer.getInteger("chat.faults.rate", 100);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPORT = Path.of("target", "zero-loss.md");
    /** Gateways drain and notice silent peers within seconds here, not the production defaults' tens of seconds. */
    private static final Map<String, String> GATEWAY = Map.of(
            "CHAT_GATEWAY_DRAIN_DELAY", "1s", "CHAT_GATEWAY_DRAIN_WINDOW", "2s",
            "CHAT_GATEWAY_PEER_TIMEOUT", "3s", "CHAT_GATEWAY_PEER_CHECK_INTERVAL", "500ms",
            "CHAT_GATEWAY_PING_INTERVAL", "1s");

    static RunningSystem system;
    static List<RunningSystem.Instance> relays;
    static RunningSystem.Instance gatewayA;
    static RunningSystem.Instance gatewayB;

    @BeforeAll
    static void startSystem() throws IOException {
        system = new RunningSystem(ZeroLossIT.class);
        relays = List.of(system.instance(ChatService.OUTBOX_RELAY, "relay-1", Map.of()).start(),
                system.instance(ChatService.OUTBOX_RELAY, "relay-2", Map.of()).start());
        gatewayA = system.instance(ChatService.REALTIME_GATEWAY, "gateway-a", GATEWAY).start();
        gatewayB = system.instance(ChatService.REALTIME_GATEWAY, "gateway-b", GATEWAY).start();
        Files.writeString(REPORT, """
                %d s of traffic at %d msg/s per case, %d clients × %d rooms over two gateways, two relays.

                | Case | Messages | Clients | Lost | Repeated frames | Gaps | Resumed recovered true / false | Reconnects | Close codes | POSTs 503 / broken | Fault took | Caught up after last ack |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(TRAFFIC.toSeconds(), RATE, Scenario.CLIENTS, Scenario.CHANNELS));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void theRelayLeaderKilledMidBatch() throws Exception {
        Scenario.Outcome outcome = run("relay leader SIGKILL", () -> leader().process().kill());
        assertNoLoss(outcome);
        assertEquals(0, outcome.reconnects(), "a relay failover does not touch the sockets");
    }

    @Test
    @Order(2)
    void theRelayLeaderStoppedHandsOverAtOnce() throws Exception {
        long[] takeoverMillis = new long[1];
        Scenario.Outcome outcome = run("relay leader SIGTERM", () -> {
            RunningSystem.Instance leader = leader();
            RunningSystem.Instance standby = relays.get(0) == leader ? relays.get(1) : relays.get(0);
            long start = System.nanoTime();
            leader.process().terminate();
            while (!isLeader(standby)) {
                Thread.sleep(10);
            }
            takeoverMillis[0] = (System.nanoTime() - start) / 1_000_000;
            assertTrue(leader.process().awaitExit(Duration.ofSeconds(20)), "the stopped relay exits");
        });
        report("(relay SIGTERM: the standby led " + takeoverMillis[0] + " ms after the signal)");
        assertNoLoss(outcome);
        // Released with its connection at once, not after the standby's lock retries time out.
        assertTrue(takeoverMillis[0] < 3_000, "standby took over after " + takeoverMillis[0] + " ms");
    }

    @Test
    @Order(3)
    void aGatewayDrainedBySigterm() throws Exception {
        long[] notReadyMillis = new long[1];
        Scenario.Outcome outcome = run("gateway SIGTERM (drain)", () -> {
            long start = System.nanoTime();
            gatewayA.process().terminate();
            while (status(gatewayA.httpUrl() + "/q/health/ready") != 503) {
                assertTrue(System.nanoTime() - start < 5_000_000_000L, "the stopping gateway never reported 503");
                Thread.sleep(5);
            }
            notReadyMillis[0] = (System.nanoTime() - start) / 1_000_000;
            assertTrue(gatewayA.process().awaitExit(Duration.ofSeconds(30)), "the drained gateway exits");
            gatewayA.start();
        });
        report("(gateway SIGTERM: not ready " + notReadyMillis[0] + " ms after the signal)");
        assertNoLoss(outcome);
        assertTrue(outcome.closeCodes().getOrDefault("1012", 0) >= Scenario.CLIENTS / 2, outcome.toString());
        assertEquals(0, outcome.recoveredFalse(), "every client resumed on the other gateway");
    }

    @Test
    @Order(4)
    void aGatewayKilled() throws Exception {
        Scenario.Outcome outcome = run("gateway SIGKILL", () -> {
            gatewayA.process().kill();
            gatewayA.start();
        });
        assertNoLoss(outcome);
        assertEquals(0, outcome.recoveredFalse(), "every client resumed on the other gateway");
        assertTrue(outcome.reconnects() >= Scenario.CLIENTS / 2, outcome.toString());
    }

    @Test
    @Order(5)
    void redisRestartedWithItsData() throws Exception {
        Scenario.Outcome outcome = run("Redis restart, data kept",
                () -> TestInfrastructure.get().restartRedisKeepingData());
        assertNoLoss(outcome);
        assertEquals(0, outcome.recoveredFalse(), "the history survived, so every resume recovered");
        assertTrue(outcome.recoveredTrue() > 0, outcome.toString());
    }

    @Test
    @Order(6)
    void redisRestartedEmpty() throws Exception {
        Scenario.Outcome outcome = run("Redis restart, data lost", () -> {
            TestInfrastructure.get().stopRedis();
            TestInfrastructure.get().startRedis();
        });
        assertNoLoss(outcome);
        assertTrue(outcome.recoveredFalse() > 0, "a lost history is never reported as recovered: " + outcome);
    }

    @Test
    @Order(7)
    void postgresRestarted() throws Exception {
        Scenario.Outcome outcome = run("PostgreSQL restart", () -> {
            TestInfrastructure.get().stopPostgres();
            Thread.sleep(2_000);
            TestInfrastructure.get().startPostgres();
        });
        assertNoLoss(outcome);
        assertTrue(outcome.unavailableAnswers() + outcome.brokenConnections() > 0,
                "writes were refused while PostgreSQL was down: " + outcome);
    }

    @Test
    @Order(8)
    void clientsThatGoSilentOrDropMidReplay() throws Exception {
        Scenario[] current = new Scenario[1];
        Scenario.Outcome outcome = run("silent client; drop mid-replay", scenario -> current[0] = scenario, () -> {
            List<ResumingClient> clients = current[0].clients();
            clients.get(0).stall(Duration.ofSeconds(5));
            clients.get(1).stall(Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                clients.get(2).abort();
                clients.get(3).abort();
                Thread.sleep(150);
            }
            Thread.sleep(5_000);
        });
        assertNoLoss(outcome);
        assertTrue(outcome.closeCodes().getOrDefault("1001", 0) >= 2, "silent peers closed: " + outcome);
    }

    private static Scenario.Outcome run(String name, Scenario.Fault fault) throws Exception {
        return run(name, scenario -> { }, fault);
    }

    private static Scenario.Outcome run(String name, java.util.function.Consumer<Scenario> prepare,
                                        Scenario.Fault fault) throws Exception {
        try (Scenario scenario = new Scenario(system.apiUrl(), List.of(gatewayA.wsUrl(), gatewayB.wsUrl()), RATE)) {
            prepare.accept(scenario);
            Scenario.Outcome outcome = scenario.run(name, TRAFFIC, fault);
            report(outcome.row());
            return outcome;
        }
    }

    private static void assertNoLoss(Scenario.Outcome outcome) {
        assertEquals(0, outcome.refusedPosts(), outcome.toString());
        assertTrue(outcome.catchUpMillis() >= 0, "some client never caught up: " + outcome);
        assertEquals(0, outcome.lost(), outcome.toString());
        assertEquals(0, outcome.gaps(), "a replay or live stream skipped an offset: " + outcome);
        assertTrue(outcome.messages() > RATE * TRAFFIC.toSeconds() / 2, "traffic too thin to prove much: " + outcome);
    }

    private static RunningSystem.Instance leader() throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            for (RunningSystem.Instance relay : relays) {
                if (isLeader(relay)) {
                    return relay;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no relay became leader");
    }

    private static boolean isLeader(RunningSystem.Instance relay) {
        if (relay.process() == null || !relay.process().isAlive()) {
            return false;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(relay.httpUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().replace(" ", "").contains("\"role\":\"leader\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Brings back relays a case stopped, even when it failed, so the next case again has a leader and a standby. */
    @AfterEach
    void restartDead() {
        for (RunningSystem.Instance relay : relays) {
            if (!relay.process().isAlive()) {
                relay.start();
            }
        }
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        Files.writeString(REPORT, line + "\n", StandardOpenOption.APPEND);
    }
}
