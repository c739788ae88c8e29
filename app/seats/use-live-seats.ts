import { useEffect, useRef, useState } from "react";

import type { SeatView } from "./contract";
type LiveMessage = { type: "snapshot" | "delta"; version: number; seats: Record<string, SeatView> };

/**
 * Keeps a seat-status map in sync with the showtime's Durable Object over a WebSocket.
 * Snapshots replace the map; deltas patch it. Reconnects with backoff and asks for a fresh snapshot.
 */
export function useLiveSeats(showtimeId: string, initial: Record<string, SeatView>, enabled: boolean) {
  const [seats, setSeats] = useState(initial);
  const [connected, setConnected] = useState(false);
  const lastChange = useRef<{ seats: Record<string, SeatView> } | null>(null);
  const [changeTick, setChangeTick] = useState(0);

  useEffect(() => setSeats(initial), [initial]);

  useEffect(() => {
    if (!enabled || typeof WebSocket === "undefined") return;
    let socket: WebSocket | null = null;
    let retry = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const proto = location.protocol === "https:" ? "wss:" : "ws:";
      socket = new WebSocket(`${proto}//${location.host}/api/showtimes/${encodeURIComponent(showtimeId)}/live`);
      socket.onopen = () => {
        retry = 0;
        setConnected(true);
      };
      socket.onmessage = (event) => {
        const msg = JSON.parse(String(event.data)) as LiveMessage;
        if (msg.type === "snapshot") setSeats(msg.seats);
        else {
          lastChange.current = { seats: msg.seats };
          setChangeTick((t) => t + 1);
          setSeats((prev) => {
            const next = { ...prev };
            for (const [id, status] of Object.entries(msg.seats)) {
              if (status === "available") delete next[id];
              else next[id] = status;
            }
            return next;
          });
        }
      };
      socket.onclose = () => {
        setConnected(false);
        if (stopped) return;
        timer = setTimeout(open, Math.min(10_000, 500 * 2 ** retry++));
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [showtimeId, enabled]);

  return { seats, connected, lastChange: lastChange.current, changeTick };
}
