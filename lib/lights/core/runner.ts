/**
 * Runs the engine (engine.ts) against injected parts: a clock, a bridge (read the lights,
 * switch one), a place to persist state, and listeners. Owns the away timer: after every
 * event it arms one timer at nextDue(state). Browser-safe: the page's simulator passes a
 * virtual clock and a virtual bridge, the CLI and the server a real clock, the Hue client
 * and the Postgres store.
 *
 * Events are processed one at a time in arrival order (a queue), so an answer from the
 * bridge never interleaves with a packet half-way through a step.
 */
import type { Clock } from "./clock";
import { nextDue, resumeEffects, step, type Effect, type EngineConfig, type LightRef, type LightsEvent, type LightsState, type ReadPurpose, type VendorLookup } from "./engine";

export interface BridgeLight {
  id: string;
  name: string;
  on: boolean;
}

/** What the runner needs from a bridge; failures are thrown errors (the runner reports them to the engine). */
export interface LightsBridge {
  readLights(): Promise<BridgeLight[]>;
  setLight(light: LightRef, on: boolean): Promise<void>;
}

export interface RunnerOptions {
  clock: Clock;
  bridge: LightsBridge;
  config: EngineConfig;
  vendorOf: VendorLookup;
  initial: LightsState;
  /** Called after every step with the new state and what the step did (persist, broadcast). */
  onStep?: (state: LightsState, event: LightsEvent, effects: Effect[]) => void | Promise<void>;
  /** Called for an error in the runner's own plumbing (onStep failing); never thrown. */
  onError?: (err: unknown) => void;
}

export class LightsRunner {
  private state: LightsState;
  private config: EngineConfig;
  private queue: LightsEvent[] = [];
  private draining = false;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** Bridge calls in flight (reads and switches): idle() waits for them too. */
  private inFlight = 0;

  constructor(private readonly options: RunnerOptions) {
    this.state = options.initial;
    this.config = options.config;
  }

  get current(): LightsState {
    return this.state;
  }

  get engineConfig(): EngineConfig {
    return this.config;
  }

  /** Re-issues what a restart interrupted and arms the away timer. */
  start(): void {
    const now = this.options.clock.now();
    this.run(resumeEffects(this.state, now));
    this.armTimer();
    // An away check that fell due while the process was down runs now.
    const due = nextDue(this.state, this.config);
    if (due !== null && due <= now) this.push({ type: "tick", at: now });
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** New phone / button MACs or away time: takes effect for the next event. */
  reconfigure(config: EngineConfig): void {
    this.config = config;
    this.armTimer();
  }

  push(event: LightsEvent): void {
    if (this.stopped) return;
    this.queue.push(event);
    void this.drain();
  }

  /** Resolves once the queue is empty and no bridge call is in flight. */
  idle(): Promise<void> {
    if (!this.draining && this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length) {
        const event = this.queue.shift()!;
        const { state, effects } = step(this.state, event, this.config, this.options.vendorOf);
        this.state = state;
        try {
          await this.options.onStep?.(state, event, effects);
        } catch (err) {
          this.options.onError?.(err);
        }
        this.run(effects);
        this.armTimer();
      }
    } finally {
      this.draining = false;
      this.settle();
    }
  }

  private settle(): void {
    if (this.draining || this.queue.length || this.inFlight) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private track(p: Promise<LightsEvent>): void {
    this.inFlight++;
    p.then((event) => {
      this.inFlight--;
      this.push(event);
      this.settle();
    });
  }

  private run(effects: Effect[]): void {
    for (const effect of effects) {
      if (effect.type === "read-lights") this.track(this.read(effect.purpose));
      else if (effect.type === "switch") this.track(this.switchLight(effect.light, effect.on));
    }
  }

  private async read(purpose: ReadPurpose): Promise<LightsEvent> {
    try {
      const lights = await this.options.bridge.readLights();
      return { type: "lights", at: this.options.clock.now(), purpose, lights };
    } catch (err) {
      return { type: "lights-failed", at: this.options.clock.now(), purpose, error: errorText(err) };
    }
  }

  private async switchLight(light: LightRef, on: boolean): Promise<LightsEvent> {
    try {
      await this.options.bridge.setLight(light, on);
      return { type: "switched", at: this.options.clock.now(), light, on, ok: true };
    } catch (err) {
      return { type: "switched", at: this.options.clock.now(), light, on, ok: false, error: errorText(err) };
    }
  }

  private armTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped) return;
    const due = nextDue(this.state, this.config);
    if (due === null) return;
    this.cancelTimer = this.options.clock.at(due, () => {
      this.cancelTimer = null;
      this.push({ type: "tick", at: Math.max(due, this.options.clock.now()) });
    });
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Moves a virtual clock to `target` with the runner caught up at every timer on the way:
 * each due timer fires at its own time and the runner (and its bridge calls) settle before
 * the clock moves on - how a replay and the simulator's fast-forward keep timers in order.
 */
export async function advanceWithRunner(clock: { nextTimer(): number | null; advanceTo(t: number): void; now(): number }, runner: LightsRunner, target: number): Promise<void> {
  await runner.idle();
  for (;;) {
    const next = clock.nextTimer();
    if (next === null || next > target) break;
    clock.advanceTo(Math.max(next, clock.now()));
    await runner.idle();
  }
  clock.advanceTo(target);
  await runner.idle();
}
