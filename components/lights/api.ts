// Every call the lights page makes: the admin changes (Authorization: Bearer <token>) and the
// live dashboard's event stream, validated with the routes' schemas.
import { fetchApi } from "@/lib/api/client";
import { lightsStateSchema, type AssignBody, type LightsStateResponse, type SwitchBody } from "@/lib/lights/core/api-schema";

function adminPost(body: unknown, token: string): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) };
}

/** Makes a MAC a phone, the button or neither (POST /api/lights/assign). */
export function assignDevice(body: AssignBody, token: string) {
  return fetchApi("/api/lights/assign", lightsStateSchema, adminPost(body, token));
}

/** Switches one bridge light by hand (POST /api/lights/switch). */
export function switchLight(body: SwitchBody, token: string) {
  return fetchApi("/api/lights/switch", lightsStateSchema, adminPost(body, token));
}

/**
 * Follows GET /api/lights/events: calls onState with each snapshot, onStatus when the
 * connection opens or drops (EventSource reconnects by itself). Returns a close function.
 */
export function followLightsEvents(onState: (state: LightsStateResponse) => void, onStatus: (connected: boolean) => void): () => void {
  const source = new EventSource("/api/lights/events");
  source.addEventListener("snapshot", (event) => {
    const parsed = lightsStateSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
    if (parsed.success) onState(parsed.data);
  });
  source.onopen = () => onStatus(true);
  source.onerror = () => onStatus(false);
  return () => source.close();
}
