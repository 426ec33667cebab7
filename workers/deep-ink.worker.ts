/// <reference lib="webworker" />
// Deep Ink, browser side: the functional MobileNet on WebGL (else the plain CPU backend;
// tfjs's WASM backend has no depthwise-conv input gradient), one gradient step after the
// other, streaming each step's flips to the page.
import { createRun } from "@/lib/deep-ink/core/ink";
import { createStepper, runDeepInk } from "@/lib/deep-ink/engine/step";
import { serveJobs } from "@/lib/workers/serve";
import { workerMobileNet } from "@/lib/workers/mobilenet";
import type { DeepInkJob, DeepInkJobResult, DeepInkProgressData } from "./deep-ink";

const loadModel = workerMobileNet(["webgl", "cpu"]);

serveJobs<DeepInkJob, DeepInkJobResult>(self as unknown as DedicatedWorkerGlobalScope, async (job, { progress, signal }) => {
  const total = job.kind === "draw" ? job.options.steps : job.channels.length;
  const done0 = job.kind === "draw" ? job.done : 0;
  const send = (done: number, message: string, data: DeepInkProgressData) => progress(done, total, message, data);
  const { net, backend } = await loadModel((fraction) => send(done0, "Loading the model (11 MB, once)", { kind: "model", fraction }));
  signal.throwIfAborted();

  if (job.kind === "draw") {
    const run = createRun(job.options);
    if (job.bits.length !== run.bits.length) throw new Error(`the frame has ${job.bits.length} pixels, expected ${run.bits.length}`);
    run.bits = job.bits.slice();
    // steps before this job: placeholders, so the run counts on from `done`
    for (let i = 0; i < job.done; i++) {
      run.steps.push({ activation: NaN, flipped: 0 });
      run.flips.push(new Int32Array(0));
    }
    const t0 = performance.now();
    await runDeepInk(
      net,
      job.options,
      {
        signal,
        onStep: async (step, flips, r) => {
          send(step, `Step ${step} on ${backend}`, { kind: "step", step, activation: r.steps[step - 1].activation, flips });
          // let the cancel message in between steps
          await new Promise((resolve) => setTimeout(resolve, 0));
        },
      },
      run,
    );
    signal.throwIfAborted();
    const stepper = createStepper(net, job.options);
    const activation = await stepper.activation(run.bits);
    stepper.dispose();
    const stepsDone = run.steps.length - job.done;
    return { backend, bits: run.bits, activation, msPerStep: stepsDone > 0 ? (performance.now() - t0) / stepsDone : null };
  }

  for (const [i, channel] of job.channels.entries()) {
    signal.throwIfAborted();
    const options = { ...job.options, channel };
    const run = await runDeepInk(net, options, { signal });
    const stepper = createStepper(net, options);
    const activationEnd = await stepper.activation(run.bits);
    stepper.dispose();
    send(i + 1, `Channel ${channel}`, { kind: "thumbnail", channel, bits: run.bits, activationStart: run.steps[0]?.activation ?? activationEnd, activationEnd });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { backend, bits: new Uint8Array(0), activation: null, msPerStep: null };
});
