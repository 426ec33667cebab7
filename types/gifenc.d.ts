// Types for the parts of gifenc (MIT, no types of its own) that lib/deep-ink uses.
declare module "gifenc" {
  export type Palette = number[][];
  export interface FrameOptions {
    palette?: Palette;
    /** Milliseconds (stored in hundredths). */
    delay?: number;
    /** -1 = once, 0 = forever, > 0 = count. */
    repeat?: number;
    colorDepth?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
    first?: boolean;
  }
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
    reset(): void;
  }
  export function GIFEncoder(options?: { initialCapacity?: number; auto?: boolean }): Encoder;
  export default GIFEncoder;
}
