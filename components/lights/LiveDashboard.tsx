"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { ApiResponseError } from "@/lib/api/client";
import type { DeviceRole, LightsStateResponse } from "@/lib/lights/core/api-schema";
import { assignDevice, followLightsEvents, switchLight } from "./api";
import { EventLog } from "./EventLog";
import { dateTime, duration, PRESENCE_TEXT } from "./format";
import { Bulb } from "./Lamp";

const TOKEN_KEY = "lights-admin-token";

/** The admin token of this tab (sessionStorage), as a store React can follow; "" on the server. */
const tokenStore = {
  listeners: new Set<() => void>(),
  subscribe(listener: () => void) {
    tokenStore.listeners.add(listener);
    return () => tokenStore.listeners.delete(listener);
  },
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? "",
  set(token: string) {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    for (const l of tokenStore.listeners) l();
  },
};

/**
 * The server's monitor, live (server-sent events). Read-only unless the server has an
 * admin token and the visitor enters it; the token stays in this tab (sessionStorage).
 */
export function LiveDashboard({ initial }: { initial: LightsStateResponse }) {
  const [state, setState] = useState(initial);
  const [connected, setConnected] = useState(false);
  const token = useSyncExternalStore(tokenStore.subscribe, tokenStore.get, () => "");
  const [tokenInput, setTokenInput] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => followLightsEvents(setState, setConnected), []);

  const m = state.monitor;
  if (!m) return <p className="lt-muted">The monitor stopped.</p>;
  const admin = state.adminEnabled && token !== "";

  const change = async (fn: () => Promise<LightsStateResponse>) => {
    setBusy(true);
    setError("");
    try {
      setState(await fn());
    } catch (err) {
      if (err instanceof ApiResponseError && err.code === "bad_admin_token") tokenStore.set("");
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const awayAt = m.presence === "home" && m.lastPhoneSeen !== null ? m.lastPhoneSeen + m.awayMinutes * 60_000 : null;

  return (
    <div className="lt-live" data-testid="live-dashboard">
      <div className="lt-card lt-live-head">
        <div>
          <div className={`lt-presence ${m.presence}`} data-testid="live-presence">{PRESENCE_TEXT[m.presence]}</div>
          {awayAt !== null && (
            <div className="lt-small lt-muted">
              &ldquo;Nobody home&rdquo; at {dateTime(awayAt)} UTC ({m.awayMinutes} min after the last phone) unless a phone is seen.
            </div>
          )}
          <dl className="facts lt-small">
            <dt>Listening</dt>
            <dd>
              {m.source || "–"} ({m.status})
            </dd>
            <dt>Bridge</dt>
            <dd>{m.bridgeStatus}</dd>
          </dl>
        </div>
        <div className="lt-small">
          <span className={connected ? "lt-dot ok" : "lt-dot"} /> {connected ? "live" : "reconnecting…"}
        </div>
      </div>

      {state.adminEnabled ? (
        admin ? (
          <p className="lt-small">
            Changes unlocked in this tab.{" "}
            <button
              type="button"
              className="lt-link"
              onClick={() => tokenStore.set("")}
            >
              Lock
            </button>
          </p>
        ) : (
          <form
            className="lt-token"
            onSubmit={(e) => {
              e.preventDefault();
              const t = tokenInput.trim();
              if (!t) return;
              tokenStore.set(t);
              setTokenInput("");
            }}
          >
            <label>
              Admin token <input type="password" value={tokenInput} onChange={(e) => setTokenInput(e.target.value)} autoComplete="off" />
            </label>
            <button type="submit">Unlock changes</button>
          </form>
        )
      ) : (
        <p className="lt-small lt-muted">Read-only: this server was started without LIGHTS_ADMIN_TOKEN, so nobody can change anything from this page.</p>
      )}
      {error && <p className="error-box" role="alert">{error}</p>}

      <div className="lt-live-grid">
        <section className="lt-card">
          <h3>The bridge&rsquo;s lights</h3>
          {m.lights === null ? (
            <p className="lt-muted lt-small">Not read yet.</p>
          ) : m.lights.length === 0 ? (
            <p className="lt-muted lt-small">No lights{m.bridge ? "" : " (no bridge configured)"}.</p>
          ) : (
            <div className="lt-lamps compact">
              {m.lights.map((l) => (
                <div key={l.id} className={`lt-lamp ${l.on ? "on" : ""}`}>
                  <Bulb on={l.on} size={32} />
                  <span>{l.name}</span>
                  <span className="lt-small lt-muted">{l.on ? "on" : "off"}{m.remembered.some((r) => r.id === l.id) ? " · remembered" : ""}</span>
                  {admin && (
                    <button type="button" disabled={busy} onClick={() => change(() => switchLight({ lightId: l.id, on: !l.on }, token))}>
                      Switch {l.on ? "off" : "on"}
                    </button>
                  )}
                </div>
              ))}
            </div>
          )}
          <p className="lt-small">
            Remembered: <strong>{m.remembered.length ? m.remembered.map((l) => l.name).join(", ") : "nothing"}</strong>
          </p>
          <p className="lt-small lt-muted">
            Phones: {m.phoneMacs.length ? m.phoneMacs.join(", ") : "none assigned"} · Button: {m.dashMac ?? "none assigned"}
          </p>
        </section>

        <section className="lt-card">
          <h3>Event log <span className="lt-muted lt-small">(newest first)</span></h3>
          <EventLog lines={m.events} testId="live-log" />
        </section>
      </div>

      <section className="lt-card">
        <h3>Devices seen ({m.devices.length})</h3>
        <div className="lt-table-wrap">
          <table className="lt-table" data-testid="live-devices">
            <thead>
              <tr>
                <th>MAC</th>
                <th>Vendor</th>
                <th>IP</th>
                <th>Host name</th>
                <th>First seen</th>
                <th>Last seen</th>
                <th>Is</th>
              </tr>
            </thead>
            <tbody>
              {m.devices.map((d) => (
                <tr key={d.mac}>
                  <td className="lt-mac">{d.mac}</td>
                  <td>{d.vendor}</td>
                  <td>{d.ip ?? "–"}</td>
                  <td>{d.hostname ?? "–"}</td>
                  <td>{dateTime(d.firstSeen)}</td>
                  <td title={dateTime(d.lastSeen)}>{duration(m.now - d.lastSeen)} ago</td>
                  <td>
                    {admin ? (
                      <select
                        aria-label={`Role of ${d.mac}`}
                        value={d.role}
                        disabled={busy}
                        onChange={(e) => change(() => assignDevice({ mac: d.mac, role: e.target.value as DeviceRole }, token))}
                      >
                        <option value="other">–</option>
                        <option value="phone">phone</option>
                        <option value="button">button</option>
                      </select>
                    ) : d.role === "other" ? (
                      "–"
                    ) : (
                      d.role
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
