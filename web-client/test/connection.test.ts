import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { contractViolations } from "../src/contract";
import { LiveConnection, type RoomListener, type SocketLike } from "../src/live/connection";
import { CHANNEL, event, message } from "./fixtures";

/** A socket the test drives: it records what the client sent and delivers what the test says the gateway sent. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  constructor(readonly protocols: string[]) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: "" });
  }
}

const ROOM = `channel:${CHANNEL}`;

function setUp() {
  const sockets: FakeSocket[] = [];
  const connection = new LiveConnection({
    url: "ws://gateway/ws",
    token: () => `token-${sockets.length + 1}`,
    openSocket: (_url, protocols) => {
      const socket = new FakeSocket(protocols);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
  });
  const listener = { sync: vi.fn(), event: vi.fn(), refused: vi.fn() } satisfies RoomListener;
  return { sockets, connection, listener };
}

function frame(offset: number, payload = message()) {
  return { type: "event", room: ROOM, epoch: "e1", offset, event: event("message.created", payload) };
}

describe("LiveConnection", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("carries the token in the subprotocol, encoded, and never in the URL", () => {
    const { sockets, connection } = setUp();
    connection.start();
    expect(sockets[0]!.protocols).toEqual([
      "bearer-token-carrier",
      encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer token-1"),
    ]);
  });

  it("subscribes when open, loads the room on subscribed, and applies each event once", () => {
    const { sockets, connection, listener } = setUp();
    connection.subscribe(ROOM, listener);
    connection.start();
    const socket = sockets[0]!;
    socket.open();
    expect(socket.sent).toEqual([{ op: "subscribe", room: ROOM }]);
    socket.receive({ type: "subscribed", room: ROOM, epoch: "e1", offset: 4 });
    expect(listener.sync).toHaveBeenCalledTimes(1);
    const first = frame(5);
    socket.receive(first);
    socket.receive(first);
    expect(listener.event).toHaveBeenCalledTimes(1);
    expect(connection.state).toBe("open");
  });

  it("reconnects with backoff after a drop and resumes from the last event applied", () => {
    const { sockets, connection, listener } = setUp();
    connection.subscribe(ROOM, listener);
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: "subscribed", room: ROOM, epoch: "e1", offset: 4 });
    sockets[0]!.receive(frame(5));
    sockets[0]!.drop(1012);
    expect(connection.state).toBe("reconnecting");
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(250); // half of the first 500 ms ceiling (random() is 0.5)
    expect(sockets).toHaveLength(2);
    const second = sockets[1]!;
    expect(second.protocols[1]).toContain("token-2");
    second.open();
    expect(second.sent).toEqual([{ op: "subscribe", room: ROOM, since: { epoch: "e1", offset: 5 } }]);
    second.receive({ type: "subscribed", room: ROOM, epoch: "e1", offset: 7, recovered: true });
    expect(listener.sync).toHaveBeenCalledTimes(1);
    second.receive(frame(6));
    second.receive(frame(7));
    expect(listener.event).toHaveBeenCalledTimes(3);
  });

  it("refetches when the gateway could not recover the position", () => {
    const { sockets, connection, listener } = setUp();
    connection.subscribe(ROOM, listener);
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: "subscribed", room: ROOM, epoch: "e1", offset: 4 });
    sockets[0]!.drop();
    vi.advanceTimersByTime(1000);
    sockets[1]!.open();
    sockets[1]!.receive({ type: "subscribed", room: ROOM, epoch: "e2", offset: 9, recovered: false });
    expect(listener.sync).toHaveBeenCalledTimes(2);
    sockets[1]!.drop();
    vi.advanceTimersByTime(2000);
    sockets[2]!.open();
    expect(sockets[2]!.sent).toEqual([{ op: "subscribe", room: ROOM, since: { epoch: "e2", offset: 9 } }]);
  });

  it("counts and reports a frame outside the published schema, and does not apply it", () => {
    const { sockets, connection, listener } = setUp();
    connection.subscribe(ROOM, listener);
    connection.start();
    sockets[0]!.open();
    const before = contractViolations.count;
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    sockets[0]!.receive({ type: "event", room: ROOM, epoch: "e1", offset: 1, event: { id: "not-a-uuid" } });
    expect(contractViolations.count).toBe(before + 1);
    expect(error).toHaveBeenCalled();
    expect(listener.event).not.toHaveBeenCalled();
  });

  it("takes a socket without pongs for dead and reconnects", () => {
    const { sockets, connection } = setUp();
    connection.start();
    sockets[0]!.open();
    vi.advanceTimersByTime(25_000);
    expect(sockets[0]!.sent).toEqual([{ op: "ping" }]);
    vi.advanceTimersByTime(10_000);
    expect(connection.state).toBe("reconnecting");
  });

  it("does not retry after an application refusal (4xxx)", () => {
    const { sockets, connection } = setUp();
    connection.start();
    sockets[0]!.open();
    sockets[0]!.drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(connection.state).toBe("stopped");
  });

  it("unsubscribes when the last screen lets the room go", () => {
    const { sockets, connection, listener } = setUp();
    connection.start();
    sockets[0]!.open();
    const release = connection.subscribe(ROOM, listener);
    const other = connection.subscribe(ROOM, { sync: vi.fn(), event: vi.fn() });
    release();
    expect(sockets[0]!.sent).toEqual([{ op: "subscribe", room: ROOM }]);
    other();
    expect(sockets[0]!.sent).toEqual([{ op: "subscribe", room: ROOM }, { op: "unsubscribe", room: ROOM }]);
  });
});
