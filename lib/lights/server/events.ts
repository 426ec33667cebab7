/**
 * The live dashboard's server-sent event stream: a `snapshot` event at once and after each
 * change of the monitor (coalesced: at most one per 250 ms), a comment line every 15 s so
 * idle proxies keep the connection, everything released when the client goes (the request's
 * abort signal or the stream's cancel). At most MAX_STREAMS at a time: the next is refused
 * as busy before anything is streamed, so the error is the usual JSON.
 */
import "server-only";
import { busy } from "@/lib/errors";
import type { LightsMonitor } from "./monitor";
import { lightsState } from "./server";

export const MAX_STREAMS = 20;
const COALESCE_MS = 250;
const HEARTBEAT_MS = 15_000;

let open = 0;

export function openStreamCount(): number {
  return open;
}

export function openLightsEventStream(monitor: LightsMonitor, signal: AbortSignal): Response {
  if (open >= MAX_STREAMS) throw busy("too_many_streams", `At most ${MAX_STREAMS} live dashboards at a time; try again later.`);
  if (signal.aborted) throw busy("client_gone", "The client went away.");
  open++;
  const encoder = new TextEncoder();
  let closed = false;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let lastSent = 0;
  let release = () => undefined as void;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        open--;
        unsubscribe?.();
        if (pending) clearTimeout(pending);
        if (heartbeat) clearInterval(heartbeat);
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const sendSnapshot = () => {
        pending = null;
        lastSent = Date.now();
        write(`event: snapshot\ndata: ${JSON.stringify(lightsState())}\n\n`);
      };
      write("retry: 3000\n\n");
      sendSnapshot();
      unsubscribe = monitor.subscribe(() => {
        if (closed || pending) return;
        pending = setTimeout(sendSnapshot, Math.max(0, lastSent + COALESCE_MS - Date.now()));
      });
      heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
      signal.addEventListener("abort", close);
      release = close;
    },
    cancel() {
      release();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
}
