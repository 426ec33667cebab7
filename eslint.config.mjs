// ESLint 9 flat config: Next's presets (core-web-vitals + typescript), import cycles, and the
// layer rules from README "Architecture". Run with `npm run lint`.
//
// Layer rules use two mechanisms:
//  - `import/no-restricted-paths` checks the RESOLVED file of every import (the `@/` alias and
//    relative paths alike, `import type` included), one zone per rule below;
//  - `no-restricted-imports` checks package names that resolve to no project file (`node:*`
//    built-ins, `server-only`, React/Next).
import { builtinModules, createRequire } from "node:module";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const require = createRequire(import.meta.url);
const root = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// Layers, as globs relative to the repo root (matched against resolved absolute file paths).

/** Server-only modules: database, app wiring, the vector store, the Node image embedder. */
const SERVER = [
  "lib/**/server/**", // lib/<demo>/server and also lib/server (app wiring)
  "lib/db/**",
  "lib/vector-search/{store,search,cache,index}{.*,/**}",
  "lib/vision/node{.*,/**}",
];
// lib/ml/node: Node-only training drivers (worker_threads) shared by the demos' pipelines.
const PIPELINE = ["lib/**/pipeline/**", "lib/ml/node/**"];
const GENERATED = ["lib/generated/**"];

/** Browser-safe shared code: pure logic that both server and client import. */
const PURE = ["lib/**/core/**", "lib/ml/*.ts", "lib/ml/!(node)/**", "lib/demos.ts", "lib/errors.ts"];
const CLIENT = ["components/**", "workers/**"];

/**
 * Demo folders: every lib/<name>/ laid out as lib/<demo>/{core,server,pipeline}, so a new demo is
 * covered as soon as it has one of those folders; the three known demos are listed in case one
 * is mid-move.
 */
const DEMOS = [
  ...new Set([
    "numbers",
    "movies",
    "image-search",
    ...readdirSync(path.join(root, "lib"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== "server")
      .filter((d) => ["core", "server", "pipeline"].some((s) => existsSync(path.join(root, "lib", d.name, s))))
      .map((d) => d.name),
  ]),
].sort();

const abs = (globs) => globs.map((g) => path.join(root, g));

const layerZones = [
  {
    target: abs(PURE),
    from: abs(SERVER), // pipelines: see pipelineZone
    message:
      "lib/**/core, lib/ml, lib/demos.ts and lib/errors.ts are browser-safe pure code, so they must not " +
      "depend on server modules (lib/db, lib/server, lib/<demo>/server, vector-search store/search/cache/index, " +
      "lib/vision/node). Keep the pure part here and move the code that needs the server " +
      "into lib/<demo>/server/ (which may import core); pass data in as arguments instead of fetching it.",
  },
  {
    target: abs(CLIENT),
    from: abs([...SERVER, ...GENERATED]), // pipelines: see pipelineZone
    message:
      "components/ and workers/ run in the browser and must not import server modules or the " +
      "generated Prisma client - not even `import type`. Take types from lib/<demo>/core/ (move or re-declare " +
      "the type there, e.g. next to the zod api-schema), get data as props from the server page in app/ or " +
      "from an app/api/ route via the demo's api client.",
  },
  {
    target: abs(["lib/**"]),
    from: abs(["app/**", "components/**", "workers/**"]),
    message:
      "lib/ sits below app/, components/ and workers/ and must never import them. Move the shared code " +
      "down into lib/ (lib/<demo>/core for pure logic, lib/<demo>/server for server code) and import it " +
      "from both sides.",
  },
  {
    target: abs(["lib/db/**"]),
    from: abs([...DEMOS.map((d) => `lib/${d}/**`), "lib/server/**"]),
    message:
      "lib/db is the generic database layer: it must not know any demo nor the app wiring in lib/server. " +
      "Put demo queries and seed steps in lib/<demo>/server/, register seed steps in lib/server/seed-steps.ts, " +
      "and pass whatever lib/db needs in as parameters.",
  },
];

/** Files that may import pipelines; every other file gets `pipelineZone` as well. */
const PIPELINE_IMPORTERS = ["scripts/**", "bench/**", "tests/**", ...PIPELINE];
const pipelineZone = {
  target: root, // narrowed by the config object's files/ignores (a zone target cannot exclude)
  from: abs(PIPELINE),
  message:
    "lib/**/pipeline/ is offline code (extraction, training, evaluation) for scripts/, bench/ and tests/ " +
    "only. If the app needs its output, have the pipeline write it to data/<demo>/ and load it in the demo's " +
    "seed step; if it needs a function, move that function into lib/<demo>/core/ and import it from both.",
};

// ---------------------------------------------------------------------------------------------
// Package imports (no project file to resolve). With no-restricted-imports the LAST matching
// config object wins for a file, so each group below lists everything that applies to it.

const nodeBuiltins = (where) => {
  const message =
    `Node built-ins do not exist in the browser, and ${where} must run there. Move the Node-specific part to ` +
    "lib/<demo>/server/ (app code) or lib/<demo>/pipeline/ / scripts/ (offline code) and pass the data in.";
  return {
    paths: builtinModules.filter((m) => !m.startsWith("_")).map((name) => ({ name, message })),
    patterns: [{ group: ["node:*"], message }],
  };
};
const serverOnly = (where) => ({
  name: "server-only",
  message: `\`server-only\` marks a server module; ${where} must stay browser-safe. Put this code in lib/<demo>/server/ instead.`,
});
const reactNextMessage =
  "lib/**/core, lib/ml, lib/demos.ts and lib/errors.ts are framework-free pure logic. Put React code in " +
  "components/<demo>/ and Next-specific code in app/; pass plain data and functions into core.";

const clientImports = nodeBuiltins("components/ and workers/");
const pureImports = nodeBuiltins("lib/**/core, lib/ml, lib/demos.ts and lib/errors.ts");

// ---------------------------------------------------------------------------------------------

// The TypeScript resolver (reads tsconfig.json's `paths`, so `@/` resolves) replaces the preset's
// node + typescript resolver pair; keyed by absolute path like the preset does, so it is found
// no matter where npm put it.
const importResolver = {
  [require.resolve("eslint-import-resolver-typescript")]: {
    project: path.join(root, "tsconfig.json"),
    alwaysTryTypes: true,
  },
};
const withoutPresetResolver = (configs) =>
  configs.map((c) => {
    if (!c.settings?.["import/resolver"]) return c;
    const settings = { ...c.settings };
    delete settings["import/resolver"];
    return { ...c, settings };
  });

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "public/**",
      "data/**",
      ".data/**",
      "tmp/**",
      "out/**",
      "build/**",
      "next-env.d.ts",
    ],
  },
  ...withoutPresetResolver(nextCoreWebVitals),
  ...withoutPresetResolver(nextTypescript),
  {
    name: "project/imports",
    settings: {
      "import/resolver": importResolver,
      // The cycle check only follows project files: not parsing node_modules (@types/react, d3,
      // tfjs ...) for their exports roughly halves the run.
      "import/ignore": ["[\\\\/]node_modules[\\\\/]"],
      "import/extensions": [".js", ".mjs", ".jsx", ".ts", ".mts", ".tsx"],
    },
    rules: {
      // Type-only imports are skipped by the rule itself (they vanish at runtime).
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": ["error", { basePath: root, zones: layerZones }],
    },
  },
  {
    // A later config object replaces the rule's options, hence the full zone list again.
    name: "project/pipeline-boundary",
    ignores: PIPELINE_IMPORTERS,
    rules: {
      "import/no-restricted-paths": ["error", { basePath: root, zones: [...layerZones, pipelineZone] }],
    },
  },
  {
    // Outside React code `use*` is an ordinary name (vitest fixtures like useChromium(), the
    // scripts' useWasmBackend()), not a hook, so rules-of-hooks only misfires there.
    name: "project/non-react-code",
    files: ["scripts/**", "bench/**", "tests/**/*.{ts,mts,js,mjs}"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Intentional plain <img>: pre-sized static thumbnails and a blob: URL preview of the user's upload.
    name: "project/image-search-thumbnails",
    files: ["components/image-search/**"],
    rules: { "@next/next/no-img-element": "off" },
  },
  {
    name: "project/client-packages",
    files: CLIENT,
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [serverOnly("components/ and workers/"), ...clientImports.paths], patterns: clientImports.patterns },
      ],
    },
  },
  {
    name: "project/pure-packages",
    files: PURE,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            serverOnly("lib/**/core, lib/ml, lib/demos.ts and lib/errors.ts"),
            ...pureImports.paths,
            ...["react", "react-dom", "next"].map((name) => ({ name, message: reactNextMessage })),
          ],
          patterns: [
            ...pureImports.patterns,
            { group: ["react/*", "react-dom/*", "next/*", "@next/*"], message: reactNextMessage },
          ],
        },
      ],
    },
  },
];

export default config;
