import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/WASM database drivers must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "sharp",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    // Image vectors on the server: ONNX Runtime's Node build loads its .wasm from node_modules.
    "onnxruntime-web",
    // Auto lights: the Hue client, the libpcap addon (optional) and the 5 MB OUI table load at run time.
    "node-hue-api",
    "cap",
    "oui-data",
  ],
  poweredByHeader: false,
  // The image-search API was first published under /api/images/*; those paths keep answering.
  async rewrites() {
    return { beforeFiles: [{ source: "/api/images/:path*", destination: "/api/image-search/:path*" }], afterFiles: [], fallback: [] };
  },
  // The image-search model files (10 MB tfjs or ONNX, 14 MB ORT wasm): a second visit within a
  // day takes them from the HTTP cache (the worker also keeps them in the Cache API).
  async headers() {
    const cache = [{ key: "Cache-Control", value: "public, max-age=86400, stale-while-revalidate=604800" }];
    return [
      { source: "/models/:path*", headers: cache },
      { source: "/ort-wasm/:path*", headers: cache },
    ];
  },
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
