// Runs `prisma generate` offline. The CLI insists on a schema-engine binary it would
// download; generation never uses it, so point it at a harmless stub executable.
import { execFileSync } from "node:child_process";
import { writeFileSync, chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const stubDir = join(tmpdir(), "prisma-engine-stub");
mkdirSync(stubDir, { recursive: true });
const stub = join(stubDir, "schema-engine");
writeFileSync(stub, "#!/bin/sh\necho 'schema-engine stub: migrations are applied by lib/db/migrate.ts' >&2\nexit 1\n");
chmodSync(stub, 0o755);

execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
  },
});
