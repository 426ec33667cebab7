-- Draw, brute force: the 4x4 icons whose top label cleared the threshold and the run that
-- made them (data/draw/brute/icons.json), seeded by lib/draw/server/brute-seed-step.ts.

CREATE TABLE "draw_brute_icon" (
    "bits" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "draw_brute_icon_pkey" PRIMARY KEY ("bits")
);

CREATE INDEX "draw_brute_icon_label_idx" ON "draw_brute_icon"("label");

CREATE TABLE "draw_brute_run" (
    "id" INTEGER NOT NULL,
    "input_size" INTEGER NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "classified" INTEGER NOT NULL,
    CONSTRAINT "draw_brute_run_pkey" PRIMARY KEY ("id")
);
