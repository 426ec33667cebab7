/**
 * An in-process Philips Hue bridge on 127.0.0.1 (plain HTTP), implementing the v1 endpoints
 * node-hue-api uses here: GET /api/config, POST /api (pairing: error 101 until the link
 * button is pressed), GET /api/<key> (full state, synced on connect), GET /api/<key>/lights,
 * GET /api/<key>/groups, PUT /api/<key>/lights/<id>/state. Records every light command in
 * order, and can play unreachable (connections dropped) for the retry tests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeLight {
  id: string;
  name: string;
  on: boolean;
}

export interface FakeCommand {
  id: string;
  on: boolean;
  /** Date.now() when it arrived. */
  at: number;
}

function lightJson(l: FakeLight) {
  return {
    state: { on: l.on, bri: 254, alert: "none", mode: "homeautomation", reachable: true },
    swupdate: { state: "noupdates", lastinstall: "2020-01-01T00:00:00" },
    type: "Dimmable light",
    name: l.name,
    modelid: "LWB010",
    manufacturername: "Signify Netherlands B.V.",
    productname: "Hue white lamp",
    capabilities: { certified: true, control: { mindimlevel: 5000, maxlumen: 806 }, streaming: { renderer: false, proxy: false } },
    config: { archetype: "classicbulb", function: "functional", direction: "omnidirectional", startup: { mode: "safety", configured: true } },
    uniqueid: `00:17:88:01:00:00:00:${l.id.padStart(2, "0")}-0b`,
    swversion: "1.50.2_r30933",
  };
}

export class FakeHueBridge {
  readonly commands: FakeCommand[] = [];
  readonly requests: string[] = [];
  readonly lights: FakeLight[];
  readonly users = new Set<string>();
  linkButtonPressed = false;
  /** While > 0, that many requests are dropped without an answer (the bridge "unreachable"). */
  dropNext = 0;
  private server: http.Server;
  port = 0;

  constructor(lights: FakeLight[], options: { users?: string[] } = {}) {
    this.lights = lights.map((l) => ({ ...l }));
    for (const u of options.users ?? []) this.users.add(u);
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  onIds(): string[] {
    return this.lights.filter((l) => l.on).map((l) => l.id);
  }

  private config() {
    return { name: "Fake Hue", bridgeid: "001788FFFE000001", modelid: "BSB002", apiversion: "1.50.0", swversion: "1950207110", mac: "00:17:88:00:00:01", datastoreversion: "98", factorynew: false };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      this.requests.push(`${req.method} ${req.url}`);
      if (this.dropNext > 0) {
        this.dropNext--;
        req.socket.destroy();
        return;
      }
      const send = (body: unknown) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const text = Buffer.concat(chunks).toString("utf8");
      const parts = (req.url ?? "/").split("?")[0].split("/").filter(Boolean); // ["api", key, ...]
      if (parts[0] !== "api") return send([{ error: { type: 4, address: req.url, description: "method, GET, not available for resource" } }]);
      if (parts.length === 1 && req.method === "POST") {
        if (!this.linkButtonPressed) return send([{ error: { type: 101, address: "", description: "link button not pressed" } }]);
        const username = `key${this.users.size + 1}abcdefghijklmnopqrstuvwxyz`;
        this.users.add(username);
        return send([{ success: { username, clientkey: "00112233445566778899AABBCCDDEEFF" } }]);
      }
      if (parts[1] === "config" && parts.length === 2) return send(this.config());
      const key = parts[1];
      if (!key || !this.users.has(key)) return send([{ error: { type: 1, address: `/${parts.slice(2).join("/")}`, description: "unauthorized user" } }]);
      const lightsMap = () => Object.fromEntries(this.lights.map((l) => [l.id, lightJson(l)]));
      const groupsMap = () => ({ "1": { name: "Living room", lights: this.lights.map((l) => l.id), type: "Room", class: "Living room", action: { on: this.lights.some((l) => l.on) }, state: { all_on: this.lights.every((l) => l.on), any_on: this.lights.some((l) => l.on) } } });
      if (parts.length === 2 && req.method === "GET") {
        return send({ lights: lightsMap(), groups: groupsMap(), config: { ...this.config(), whitelist: {} }, schedules: {}, scenes: {}, rules: {}, sensors: {}, resourcelinks: {} });
      }
      if (parts[2] === "lights" && parts.length === 3 && req.method === "GET") return send(lightsMap());
      if (parts[2] === "groups" && parts.length === 3 && req.method === "GET") return send(groupsMap());
      if (parts[2] === "groups" && parts[3] === "0" && parts.length === 4 && req.method === "GET") {
        return send({ name: "Group 0", lights: this.lights.map((l) => l.id), type: "LightGroup", action: { on: false }, state: { all_on: false, any_on: this.lights.some((l) => l.on) } });
      }
      if (parts[2] === "lights" && parts[4] === "state" && parts.length === 5 && req.method === "PUT") {
        const light = this.lights.find((l) => l.id === parts[3]);
        if (!light) return send([{ error: { type: 3, address: `/lights/${parts[3]}/state`, description: `resource, /lights/${parts[3]}/state, not available` } }]);
        const body = JSON.parse(text || "{}") as { on?: boolean };
        if (typeof body.on === "boolean") {
          light.on = body.on;
          this.commands.push({ id: light.id, on: body.on, at: Date.now() });
        }
        return send(Object.entries(body).map(([k, v]) => ({ success: { [`/lights/${light.id}/state/${k}`]: v } })));
      }
      return send([{ error: { type: 4, address: req.url, description: "method not available for resource" } }]);
    });
  }
}
