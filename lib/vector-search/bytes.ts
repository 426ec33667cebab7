// The vector store's byte formats: float32 vectors (`vector_item.embedding`) and PCA
// projections (`vector_collection.projection`), little-endian on every platform.

import type { Pca } from "@/lib/ml/pca";


const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float32 values -> little-endian bytes (the `vector_item.embedding` format). */
export function encodeFloat32(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/**
 * Little-endian float32 bytes -> a fresh Float32Array. Accepts Buffer (node-postgres)
 * and Uint8Array (PGlite). Always copies: a Buffer may sit at an odd offset inside
 * Node's shared pool, and a view would keep that whole pool alive.
 */
export function decodeFloat32(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`float32 data must be a multiple of 4 bytes, got ${bytes.byteLength}`);
  const out = new Float32Array(bytes.byteLength / 4);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}


/** Serialises mean + basis as the `vector_collection.projection` bytes (float32 LE). */
export function encodeProjection(pca: Pick<Pca, "mean" | "basis">): Uint8Array {
  const all = new Float32Array(pca.mean.length + pca.basis.length);
  all.set(pca.mean, 0);
  all.set(pca.basis, pca.mean.length);
  return encodeFloat32(all);
}

export function decodeProjection(bytes: Uint8Array, dims: number, components: number): Pick<Pca, "dims" | "components" | "mean" | "basis"> {
  const all = decodeFloat32(bytes);
  if (all.length !== dims * (components + 1)) {
    throw new Error(`projection has ${all.length} floats, expected ${dims * (components + 1)} for ${dims} dims x ${components} components`);
  }
  return { dims, components, mean: all.slice(0, dims), basis: all.slice(dims) };
}
