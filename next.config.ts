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
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
