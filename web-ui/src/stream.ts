// The live feed: an EventSource over /api/v1/stream with a visible connection state.
// The browser reconnects by itself (sending Last-Event-ID, so any query API behind the load balancer
// resumes the stream: alert transitions exactly, rollups from its ring); when it gives up (CLOSED,
// e.g. an HTTP error), we reopen with capped exponential backoff, passing the last id as
// last_event_id (a new EventSource forgets it), and ask the page to backfill the gap. A `reset`
// event (the server could not resume the alert transitions) asks for the same backfill.

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

/** The stream URL with last_event_id when there is one: the server resumes after it as with Last-Event-ID. */
export function resumeUrl(url: string, lastEventId: string): string {
  if (!lastEventId) return url;
  return `${url}${url.includes("?") ? "&" : "?"}last_event_id=${encodeURIComponent(lastEventId)}`;
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
  private lastEventId = "";
  private readonly handlers = new Map<string, (ev: MessageEvent) => void>();
  /** Frames dropped because they did not parse, shown in the footer for diagnosis. */
  rejected = 0;

  constructor(
    private url: string,
    private readonly events: StreamEvents,
    private readonly open: (url: string) => SourceLike = (u) => new EventSource(u) as unknown as SourceLike,
  ) {}

  get current(): LinkState { return this.state; }

  /** Also delivers events of another type (e.g. `alert`), on this and every reopened connection. */
  on(type: string, fn: (ev: MessageEvent) => void): this {
    this.handlers.set(type, fn);
    return this;
  }

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

  /**
   * Subscribes to other groups (the dimension filter changed): reconnects at once when running, else
   * keeps the URL for the next start. The resume id is dropped (it belongs to the old subscription);
   * the caller reloads the history it shows, so no resync is asked for.
   */
  setUrl(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.lastEventId = "";
    this.wasOpen = false;
    if (!this.source && !this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
    this.attempt = 0;
    this.connect();
  }

  private connect(): void {
    this.timer = null;
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    const src = this.open(resumeUrl(this.url, this.lastEventId));
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
      this.remember(ev);
      const r = typeof ev.data === "string" ? parseRollup(ev.data) : null;
      if (r) this.events.onRollup(r);
      else this.rejected++;
    });
    src.addEventListener("reset", (ev) => {
      this.remember(ev);
      this.events.onResync();
    });
    for (const [type, fn] of this.handlers) {
      src.addEventListener(type, (ev) => {
        this.remember(ev);
        fn(ev);
      });
    }
  }

  private remember(ev: MessageEvent): void {
    if (typeof ev.lastEventId === "string" && ev.lastEventId) this.lastEventId = ev.lastEventId;
  }

  private setState(s: LinkState): void {
    this.state = s;
    this.events.onState(s, this.attempt);
  }
}
