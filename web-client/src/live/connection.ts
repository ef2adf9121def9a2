import { contractViolations } from "../contract";
import { ServerFrame, type Event, type EventFrame } from "../generated/schemas";
import { HEALTHY_CONNECTION_MS, reconnectDelay } from "./backoff";
import { SeenEvents } from "./seen-events";

/** What a screen does with one room. */
export interface RoomListener {
  /** (Re)load the room's state over REST now: the subscription is active and later events will follow. */
  sync(): void;
  event(event: Event, frame: EventFrame): void;
  /** The gateway refused the room, or took it away (e.g. the user left the channel). */
  refused?(code: string, message: string): void;
}

export type ConnectionState = "connecting" | "open" | "reconnecting" | "stopped";

/** The part of the browser's WebSocket this class uses, so tests can give it a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ConnectionOptions {
  /** The gateway's URL, e.g. wss://chat.example.com/ws. */
  url: string;
  /** The current access token, read at every (re)connect so a renewed token is used. */
  token: () => string;
  openSocket?: (url: string, protocols: string[]) => SocketLike;
  random?: () => number;
  now?: () => number;
}

const OPEN = 1;
/** We send a ping this often; no pong within {@link PONG_TIMEOUT_MS} means the network is gone. */
const PING_INTERVAL_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;

interface Room {
  readonly listeners: Set<RoomListener>;
  /** Whether the gateway confirmed the subscription on the current socket. */
  active: boolean;
  /** The epoch and offset of the last event applied (or reported by `subscribed`). */
  position: { epoch: string; offset: number } | null;
}

/**
 * The tab's one WebSocket to a gateway (docs/protocol.md): subscriptions for what is on screen, resumed with `since`
 * after every reconnect, events applied once by id, reconnects with backoff and jitter, and a state the page shows.
 */
export class LiveConnection {
  private readonly rooms = new Map<string, Room>();
  private readonly seen = new SeenEvents(5_000);
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly openSocket: (url: string, protocols: string[]) => SocketLike;
  private readonly random: () => number;
  private readonly now: () => number;
  private socket: SocketLike | null = null;
  private attempt = 0;
  private openedAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private current: ConnectionState = "connecting";

  constructor(private readonly options: ConnectionOptions) {
    this.openSocket = options.openSocket ?? ((url, protocols) => new WebSocket(url, protocols) as SocketLike);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.setState("stopped");
    this.clearTimers();
    this.socket?.close(1000, "bye");
    this.socket = null;
  }

  /** Holds {@code room} while the returned function has not been called. */
  subscribe(room: string, listener: RoomListener): () => void {
    let entry = this.rooms.get(room);
    if (!entry) {
      entry = { listeners: new Set(), active: false, position: null };
      this.rooms.set(room, entry);
      this.sendSubscribe(room, entry);
    } else if (entry.active) {
      // Already live for another screen: this one loads its state now.
      queueMicrotask(() => listener.sync());
    }
    entry.listeners.add(listener);
    return () => {
      const held = this.rooms.get(room);
      if (!held) return;
      held.listeners.delete(listener);
      if (held.listeners.size === 0) {
        this.rooms.delete(room);
        this.send({ op: "unsubscribe", room });
      }
    };
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): void {
    if (this.current === "stopped") return;
    const carrier = encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${this.options.token()}`);
    const socket = this.openSocket(this.options.url, ["bearer-token-carrier", carrier]);
    this.socket = socket;
    socket.onopen = () => {
      this.openedAt = this.now();
      this.setState("open");
      for (const [room, entry] of this.rooms) this.sendSubscribe(room, entry);
      this.startPings();
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = (event) => this.closed(socket, event.code);
    socket.onerror = () => {
      /* a close follows */
    };
  }

  private closed(socket: SocketLike, code: number): void {
    if (socket !== this.socket || this.current === "stopped") return;
    this.socket = null;
    this.clearTimers();
    this.rooms.forEach((entry) => (entry.active = false));
    if (code >= 4000 && code < 5000) {
      // Application refusals are not retried (docs/protocol.md, "Resuming").
      this.setState("stopped");
      return;
    }
    if (this.openedAt > 0 && this.now() - this.openedAt >= HEALTHY_CONNECTION_MS) this.attempt = 0;
    this.openedAt = 0;
    this.setState("reconnecting");
    const delay = reconnectDelay(this.attempt, this.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private receive(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      json = data;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) {
      contractViolations.report("a gateway frame", parsed.error, json);
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case "subscribed": {
        const entry = this.rooms.get(frame.room);
        if (!entry) return;
        entry.active = true;
        const resumed = entry.position !== null;
        if (frame.recovered === true) return; // the missed events follow, then live ones
        entry.position =
          frame.epoch !== undefined && frame.offset !== undefined ? { epoch: frame.epoch, offset: frame.offset } : null;
        if (!resumed || frame.recovered === false) entry.listeners.forEach((listener) => listener.sync());
        return;
      }
      case "event": {
        const entry = this.rooms.get(frame.room);
        if (!entry) return;
        entry.position = { epoch: frame.epoch, offset: frame.offset };
        // Once per room: an event published to two rooms on screen (a channel and a thread) serves both.
        if (!this.seen.add(`${frame.room} ${frame.event.id}`)) return;
        entry.listeners.forEach((listener) => listener.event(frame.event, frame));
        return;
      }
      case "error": {
        const entry = frame.room ? this.rooms.get(frame.room) : undefined;
        entry?.listeners.forEach((listener) => listener.refused?.(frame.code, frame.message));
        if (!entry) console.warn("gateway error", frame.code, frame.message);
        return;
      }
      case "pong":
        if (this.pongTimer !== null) clearTimeout(this.pongTimer);
        this.pongTimer = null;
        return;
      case "unsubscribed":
        return;
    }
  }

  private sendSubscribe(room: string, entry: Room): void {
    this.send(entry.position ? { op: "subscribe", room, since: entry.position } : { op: "subscribe", room });
  }

  private send(frame: object): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Browsers answer the gateway's pings but tell the page nothing: our own pings find a vanished network. */
  private startPings(): void {
    this.pingTimer = setInterval(() => {
      this.send({ op: "ping" });
      if (this.pongTimer === null) {
        this.pongTimer = setTimeout(() => this.abandon(), PONG_TIMEOUT_MS);
      }
    }, PING_INTERVAL_MS);
  }

  /** The socket is taken for dead (no pong): reconnect now rather than wait for the browser to notice. */
  private abandon(): void {
    const socket = this.socket;
    if (!socket) return;
    this.closed(socket, 1006);
    socket.close(3000, "no pong");
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    this.retryTimer = this.pingTimer = this.pongTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (this.current === state) return;
    this.current = state;
    this.stateListeners.forEach((listener) => listener(state));
  }
}
