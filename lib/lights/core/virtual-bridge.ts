/**
 * A bridge that lives in memory: the page's simulator switches its lamps, and tests use it
 * to see exactly which commands the runner sent. It can be told to fail (unreachable) to
 * show that a failed command loses nothing. Browser-safe.
 */
import type { LightRef } from "./engine";
import type { BridgeLight, LightsBridge } from "./runner";

export interface VirtualCommand {
  id: string;
  on: boolean;
}

export class VirtualBridge implements LightsBridge {
  readonly lights: BridgeLight[];
  readonly commands: VirtualCommand[] = [];
  /** While true, every call throws as an unreachable bridge would. */
  unreachable = false;

  constructor(lights: BridgeLight[]) {
    this.lights = lights.map((l) => ({ ...l }));
  }

  async readLights(): Promise<BridgeLight[]> {
    if (this.unreachable) throw new Error("bridge unreachable");
    return this.lights.map((l) => ({ ...l }));
  }

  async setLight(light: LightRef, on: boolean): Promise<void> {
    if (this.unreachable) throw new Error("bridge unreachable");
    const target = this.lights.find((l) => l.id === light.id);
    if (!target) throw new Error(`no light ${light.id}`);
    target.on = on;
    this.commands.push({ id: light.id, on });
  }

  /** A person flips a lamp by hand (not through the engine). */
  toggleByHand(id: string): void {
    const target = this.lights.find((l) => l.id === id);
    if (target) target.on = !target.on;
  }

  onIds(): string[] {
    return this.lights.filter((l) => l.on).map((l) => l.id);
  }
}
