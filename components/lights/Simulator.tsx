"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Simulation, SIM_DASH } from "@/lib/lights/core/simulation";
import { EventLog } from "./EventLog";
import { dayTime, duration, PRESENCE_TEXT } from "./format";
import { Bulb } from "./Lamp";

const MIN = 60_000;
/** While playing: one virtual minute per real second, in quarter-second steps. */
const PLAY_STEP_MS = 250;
const PLAY_VIRTUAL_MS = 15_000;

/**
 * The simulator: the same engine as the command line, in this browser, on a virtual house.
 * Nothing here talks to the server or to a real light.
 */
export function Simulator() {
  // Deterministic and timer-free (a virtual clock), so creating it during the server render is harmless.
  const [sim] = useState(() => new Simulation());
  const [, setVersion] = useState(0);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const stepping = useRef(false);

  useEffect(() => {
    const unsubscribe = sim.subscribe(() => setVersion((v) => v + 1));
    void sim.bootOnce().then(() => setReady(true));
    return unsubscribe;
  }, [sim]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (stepping.current) return;
      stepping.current = true;
      void sim.advance(PLAY_VIRTUAL_MS).finally(() => (stepping.current = false));
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, sim]);

  const act = useCallback((fn: (s: Simulation) => Promise<void>) => void fn(sim), [sim]);
  if (!ready) return <p className="lt-muted">Starting the simulator…</p>;

  const state = sim.state;
  const due = sim.awayDue;
  const remembered = new Set(state.remembered.map((l) => l.id));
  const log = sim.log.slice(-40);

  return (
    <div className="lt-sim">
      <div className="lt-house lt-card" aria-label="The virtual house">
        <div className="lt-house-head">
          <div>
            <div className="lt-clock" data-testid="sim-clock">{dayTime(sim.now)}</div>
            <div className={`lt-presence ${state.presence}`} data-testid="sim-presence">{PRESENCE_TEXT[state.presence]}</div>
            <div className="lt-muted lt-small" data-testid="sim-countdown">
              {due !== null
                ? due > sim.now
                  ? `Lights go off at ${dayTime(due)} (in ${duration(due - sim.now)}) unless a phone is seen.`
                  : "Checking…"
                : state.presence === "away"
                  ? "The first phone to come back switches the remembered lights on."
                  : ""}
            </div>
          </div>
          <div className="lt-time-buttons" role="group" aria-label="Fast-forward">
            <button type="button" onClick={() => act((s) => s.advance(MIN))}>+1 min</button>
            <button type="button" onClick={() => act((s) => s.advance(5 * MIN))}>+5 min</button>
            <button type="button" onClick={() => act((s) => s.advance(20 * MIN))}>+20 min</button>
            <button type="button" className={playing ? "lt-primary" : ""} aria-pressed={playing} onClick={() => setPlaying((p) => !p)}>
              {playing ? "❚❚ Pause" : "▶ Play (1 s = 1 min)"}
            </button>
          </div>
        </div>

        <div className="lt-lamps" role="group" aria-label="Hue lamps (click to switch by hand)">
          {sim.bridge.lights.map((lamp) => (
            <button
              key={lamp.id}
              type="button"
              className={`lt-lamp ${lamp.on ? "on" : ""}`}
              onClick={() => act((s) => s.toggleLamp(lamp.id))}
              aria-pressed={lamp.on}
              title="Switch by hand"
              data-testid={`sim-lamp-${lamp.id}`}
            >
              <Bulb on={lamp.on} />
              <span>{lamp.name}</span>
              <span className="lt-small lt-muted">{lamp.on ? "on" : "off"}{remembered.has(lamp.id) ? " · remembered" : ""}</span>
            </button>
          ))}
        </div>

        <div className="lt-actors">
          {sim.phones.map((phone, i) => (
            <div key={phone.mac} className="lt-actor">
              <div>
                <strong>{phone.name}</strong> <span className="lt-muted lt-small">{phone.home ? "at home" : "out"}</span>
                <div className="lt-mac">{phone.mac}</div>
              </div>
              <button type="button" onClick={() => act((s) => s.setPhoneHome(i, !phone.home))} data-testid={`sim-phone-${i}`}>
                {phone.home ? "Leave the house" : "Come home"}
              </button>
            </div>
          ))}
          <div className="lt-actor">
            <div>
              <strong>Dash button</strong>
              <div className="lt-mac">{SIM_DASH}</div>
            </div>
            <button type="button" className="lt-dash" onClick={() => act((s) => s.pressButton())} data-testid="sim-press">
              Press
            </button>
          </div>
        </div>

        <div className="lt-extras">
          <button type="button" onClick={() => act((s) => s.addVisitor())}>A visitor&rsquo;s device joins the Wi-Fi</button>
          <label>
            <input type="checkbox" checked={sim.bridge.unreachable} onChange={(e) => act((s) => s.setUnreachable(e.target.checked))} /> Unplug the
            bridge
          </label>
        </div>

        <div className="lt-muted lt-small">
          Remembered (switched off by the engine, to switch back on):{" "}
          <strong data-testid="sim-remembered">{state.remembered.length ? state.remembered.map((l) => l.name).join(", ") : "nothing"}</strong>
        </div>
      </div>

      <div className="lt-card lt-log-card">
        <h3>What the engine did <span className="lt-muted lt-small">(newest first)</span></h3>
        <EventLog lines={log} testId="sim-log" />
      </div>
    </div>
  );
}
