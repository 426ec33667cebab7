/**
 * Route-level bad input for POST /api/image-search/search: the route module's POST called with
 * `new Request(...)`. Every case must answer a 4xx in the one error shape, with a reason,
 * and never touch the database or the model (none is set up here). How fast these answers
 * come is measured by `npm run bench -- image-search-speed`, not asserted here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { readBodyLimited } from "@/lib/api/route";
import { searchJsonBodySchema } from "@/lib/image-search/core/api-schema";
import { UPLOAD_LIMITS } from "@/lib/image-search/server/embed";
import { EMBEDDING_DIM } from "@/lib/vision";
import { GET as photosGET } from "@/app/api/image-search/photos/route";
import { POST } from "@/app/api/image-search/search/route";
import { GET as similarGET } from "@/app/api/image-search/similar/route";
import { pngDeclaring } from "@/tests/helpers/image-search";

const URL_ = "http://localhost/api/image-search/search";
const FIXTURES = path.resolve(__dirname, "../../fixtures/images");
const jpeg = fs.readFileSync(path.join(FIXTURES, "dalmatian-image_0001.jpg"));



function multipart(file: Uint8Array, name = "photo.jpg", type = "image/jpeg", fields: Record<string, string> = {}): Request {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(file)], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request(URL_, { method: "POST", body: form });
}

function json(body: unknown): Request {
  return new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/** Calls the route and checks the error shape; returns status, code and message. */
async function call(request: Request, handler = POST) {
  const res = await handler(request, undefined);
  const body = apiErrorBodySchema.parse(await res.json());
  return { status: res.status, code: body.error.code, message: body.error.message };
}

/** A body stream of `total` bytes, generated lazily; `pulled()` tells how much was read. */
function lazyStream(total: number, chunk = 64 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0xff));
    },
  });
  return { stream, pulled: () => sent };
}

const vector = (fill = 0.1) => new Array<number>(EMBEDDING_DIM).fill(fill);

describe("POST /api/image-search/search rejects bad input with a reason", () => {
  it("a 50 MB upload with its Content-Length -> 413 before reading the body", async () => {
    const { stream, pulled } = lazyStream(50 * 1024 * 1024);
    const req = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz", "content-length": String(50 * 1024 * 1024) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const r = await call(req);
    expect(r).toMatchObject({ status: 413, code: "body_too_large" });
    expect(r.message).toMatch(/limit/);
    expect(pulled()).toBeLessThan(1024 * 1024);
  });

  it("a 50 MB upload without Content-Length (chunked) -> 413 after the limit, not after 50 MB", async () => {
    const { stream, pulled } = lazyStream(50 * 1024 * 1024);
    const req = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const r = await call(req);
    expect(r).toMatchObject({ status: 413, code: "body_too_large" });
    expect(pulled()).toBeLessThan(UPLOAD_LIMITS.maxBytes + 2 * 1024 * 1024);
  });

  it("a raw image body over the limit -> 413", async () => {
    const r = await call(new Request(URL_, { method: "POST", headers: { "content-type": "image/jpeg" }, body: new Uint8Array(UPLOAD_LIMITS.maxBytes + 1) }));
    expect(r).toMatchObject({ status: 413, code: "body_too_large" });
  });

  it("a PNG declaring 30000 x 30000 pixels -> 413 too_many_pixels without decoding", async () => {
    const r = await call(multipart(pngDeclaring(30000, 30000), "bomb.png", "image/png"));
    expect(r).toMatchObject({ status: 413, code: "too_many_pixels" });
    expect(r.message).toMatch(/30000x30000/);
  });

  it("a truncated JPEG -> 422 truncated", async () => {
    const r = await call(multipart(jpeg.subarray(0, Math.floor(jpeg.length / 2))));
    expect(r).toMatchObject({ status: 422, code: "truncated" });
  });

  it("a JPEG with thousands of progressive scans (a decoder bomb) -> 413 too_many_scans before decoding", async () => {
    const bomb: number[] = [0xff, 0xd8];
    for (let s = 0; s < 8_000; s++) bomb.push(0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x12, 0x34);
    bomb.push(0xff, 0xd9);
    const r = await call(multipart(Uint8Array.from(bomb)));
    expect(r).toMatchObject({ status: 413, code: "too_many_scans" });
    expect(r.message).toMatch(/scans/);
  });

  it("random bytes, text and SVG -> 415 not_an_image", async () => {
    let seed = 7;
    const random = new Uint8Array(8192).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (const bytes of [random, Buffer.from("hello, I am not a picture"), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')]) {
      const r = await call(multipart(bytes, "x.jpg"));
      expect(r).toMatchObject({ status: 415, code: "not_an_image" });
    }
  });

  it("an empty file -> 400 empty; no file field -> 400 missing_file; bad k -> 400", async () => {
    await expect(call(multipart(new Uint8Array(0)))).resolves.toMatchObject({ status: 400, code: "empty" });
    const form = new FormData();
    form.set("image", "nope");
    await expect(call(new Request(URL_, { method: "POST", body: form }))).resolves.toMatchObject({ status: 400, code: "missing_file" });
    await expect(call(multipart(jpeg, "a.jpg", "image/jpeg", { k: "500" }))).resolves.toMatchObject({ status: 400, code: "invalid_k" });
  });

  it("a broken multipart body -> 400 invalid_multipart; another content type -> 415", async () => {
    const broken = new Request(URL_, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=abc" }, body: "this is not multipart" });
    await expect(call(broken)).resolves.toMatchObject({ status: 400, code: "invalid_multipart" });
    const text = new Request(URL_, { method: "POST", headers: { "content-type": "text/plain" }, body: "0.1, 0.2" });
    await expect(call(text)).resolves.toMatchObject({ status: 415, code: "unsupported_media_type" });
  });

  it("vectors of the wrong length -> 400 naming the expected length", async () => {
    for (const v of [[], vector().slice(0, 767), [...vector(), 0.1], new Array(5000).fill(1)]) {
      const r = await call(json({ vector: v }));
      expect(r).toMatchObject({ status: 400, code: "invalid_body" });
      expect(r.message).toContain("768");
    }
  });

  it("NaN can't travel in JSON: null, strings, 1e999 (Infinity) and a bare NaN -> 400", async () => {
    const withNull = vector();
    (withNull as unknown[])[5] = null;
    const withString = vector();
    (withString as unknown[])[0] = "0.5";
    for (const body of [{ vector: withNull }, { vector: withString }]) {
      await expect(call(json(body))).resolves.toMatchObject({ status: 400, code: "invalid_body" });
    }
    const inf = `{"vector":[1e999${",0.1".repeat(767)}]}`;
    const r = await call(json(inf));
    expect(r).toMatchObject({ status: 400, code: "invalid_body" });
    expect(r.message).toMatch(/vector\.0/);
    await expect(call(json(`{"vector":[NaN${",0.1".repeat(767)}]}`))).resolves.toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("bad k, unknown fields, bad labels and oversized JSON -> 400 / 413", async () => {
    await expect(call(json({ vector: vector(), k: 0 }))).resolves.toMatchObject({ status: 400 });
    await expect(call(json({ vector: vector(), k: 51 }))).resolves.toMatchObject({ status: 400 });
    await expect(call(json({ vector: vector(), extra: 1 }))).resolves.toMatchObject({ status: 400 });
    await expect(call(json({ vector: vector(), labels: [{ label: "cat", probability: 2 }] }))).resolves.toMatchObject({ status: 400 });
    await expect(call(json({ vector: vector(), labels: new Array(11).fill({ label: "cat", probability: 0.1 }) }))).resolves.toMatchObject({ status: 400 });
    await expect(call(json("{not json"))).resolves.toMatchObject({ status: 400, code: "invalid_json" });
    await expect(call(json(JSON.stringify({ vector: vector(), pad: "x".repeat(100_000) })))).resolves.toMatchObject({ status: 413 });
  });

  it("the JSON schema accepts a good body and fills defaults", () => {
    expect(searchJsonBodySchema.parse({ vector: vector() })).toMatchObject({ k: 10, labels: [] });
  });
});

describe("GET routes validate their query", () => {
  it("similar needs an id and a sane k; photos a known split and a sane limit", async () => {
    await expect(call(new Request("http://localhost/api/image-search/similar"), similarGET)).resolves.toMatchObject({ status: 400, code: "invalid_query" });
    await expect(call(new Request("http://localhost/api/image-search/similar?id=a/b&k=0"), similarGET)).resolves.toMatchObject({ status: 400 });
    await expect(call(new Request("http://localhost/api/image-search/photos?split=train"), photosGET)).resolves.toMatchObject({ status: 400 });
    await expect(call(new Request("http://localhost/api/image-search/photos?limit=1000"), photosGET)).resolves.toMatchObject({ status: 400 });
  });
});

describe("readBodyLimited", () => {
  it("returns the bytes under the limit and refuses one byte over", async () => {
    const ok = await readBodyLimited(new Request(URL_, { method: "POST", body: new Uint8Array(100).fill(7) }), 100);
    expect(ok.length).toBe(100);
    expect(ok[99]).toBe(7);
    await expect(readBodyLimited(new Request(URL_, { method: "POST", body: new Uint8Array(101) }), 100)).rejects.toMatchObject({ kind: "too_large", code: "body_too_large" });
    expect((await readBodyLimited(new Request(URL_), 10)).length).toBe(0);
  });
});
