-- Auto lights: the engine state of each monitor ("server", "cli"), the devices it has seen,
-- its event log, and the app keys bridges granted (lib/lights/server/store.ts). Written
-- after every event; nothing is seeded.

CREATE TABLE "lights_state" (
    "monitor" TEXT NOT NULL,
    "presence" TEXT NOT NULL,
    "last_phone_seen" TIMESTAMP(3),
    "last_press" TIMESTAMP(3),
    "remembered" JSONB NOT NULL,
    "pending_read" TEXT,
    "restoring" BOOLEAN NOT NULL DEFAULT false,
    "phone_macs" TEXT[],
    "dash_mac" TEXT,
    "away_minutes" INTEGER NOT NULL DEFAULT 20,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lights_state_pkey" PRIMARY KEY ("monitor")
);

CREATE TABLE "lights_device" (
    "monitor" TEXT NOT NULL,
    "mac" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "ip" TEXT,
    "hostname" TEXT,
    "first_seen" TIMESTAMP(3) NOT NULL,
    "last_seen" TIMESTAMP(3) NOT NULL,
    "packets" INTEGER NOT NULL,
    CONSTRAINT "lights_device_pkey" PRIMARY KEY ("monitor", "mac")
);

CREATE TABLE "lights_event" (
    "id" SERIAL NOT NULL,
    "monitor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mac" TEXT,
    CONSTRAINT "lights_event_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "lights_event_monitor_id_idx" ON "lights_event"("monitor", "id");

CREATE TABLE "lights_bridge_key" (
    "bridge" TEXT NOT NULL,
    "app_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lights_bridge_key_pkey" PRIMARY KEY ("bridge")
);
