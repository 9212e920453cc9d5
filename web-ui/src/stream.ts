// The live feed: an EventSource over /api/v1/stream with a visible connection state.
// The browser reconnects by itself (sending Last-Event-ID); when it gives up (CLOSED, e.g. an HTTP
// error), we reopen with capped exponential backoff and ask the page to backfill the gap.

import { parseRollup, type Rollup } from "./api";

export type LinkState = "connecting" | "live" | "reconnecting" | "paused";

export interface StreamEvents {
  onRollup(r: Rollup): void;
  onState(state: LinkState, attempt: number): void;
  /** Called after a (re)connection that may have missed frames: the page refetches history. */
  onResync(): void;
}

/** Backoff before reopening a closed stream, in ms: 1 s doubling to 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Minimal EventSource surface, so tests can pass a fake. */
export interface SourceLike {
  readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, fn: (ev: MessageEvent) => void): void;
  close(): void;
}

const CLOSED = 2;

export class LiveStream {
  private source: SourceLike | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wasOpen = false;
  private state: LinkState = "paused";
  /** Frames dropped because they did not parse, shown in the footer for diagnosis. */
  rejected = 0;

  constructor(
    private readonly url: string,
    private readonly events: StreamEvents,
    private readonly open: (url: string) => SourceLike = (u) => new EventSource(u) as unknown as SourceLike,
  ) {}

  get current(): LinkState { return this.state; }

  start(): void {
    if (this.source || this.timer) return;
    this.connect();
  }

  /** Pauses live updates: closes the connection (the server stops sending). */
  pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.attempt = 0;
    this.setState("paused");
  }

  private connect(): void {
    this.timer = null;
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    const src = this.open(this.url);
    this.source = src;
    src.onopen = () => {
      const resync = this.wasOpen || this.attempt > 0;
      this.wasOpen = true;
      this.attempt = 0;
      this.setState("live");
      if (resync) this.events.onResync();
    };
    src.onerror = () => {
      if (this.source !== src) return;
      if (src.readyState === CLOSED) {
        src.close();
        this.source = null;
        this.attempt++;
        this.setState("reconnecting");
        this.timer = setTimeout(() => this.connect(), backoffMs(this.attempt));
      } else {
        this.attempt++; // the browser is retrying on its own
        this.setState("reconnecting");
      }
    };
    src.addEventListener("rollup", (ev) => {
      const r = typeof ev.data === "string" ? parseRollup(ev.data) : null;
      if (r) this.events.onRollup(r);
      else this.rejected++;
    });
  }

  private setState(s: LinkState): void {
    this.state = s;
    this.events.onState(s, this.attempt);
  }
}
