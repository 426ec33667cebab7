"use client";

import { useMemo } from "react";
import { DRAWABLE_LAYERS, searchClasses } from "@/lib/deep-ink/core/options";
import { LOGITS_OUTPUT } from "@/lib/vision/layers";
import { SIZES, type InkForm } from "./form";

const GROUPS = [
  { label: "After relu6", layers: DRAWABLE_LAYERS.filter((l) => l.kind === "relu") },
  { label: "Before relu6 (conv + batch norm)", layers: DRAWABLE_LAYERS.filter((l) => l.kind === "pre") },
];

function NumberField({ label, name, form, setForm, min, max, hint, disabled }: {
  label: string;
  name: "channel" | "blob" | "flipsPerStep" | "steps" | "black" | "white" | "seed" | "cooldown";
  form: InkForm;
  setForm: (f: (prev: InkForm) => InkForm) => void;
  min: number;
  max?: number;
  hint?: string;
  disabled: boolean;
}) {
  return (
    <label className="ink-field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        name={name}
        min={min}
        max={max}
        value={form[name]}
        disabled={disabled}
        onChange={(e) => {
          const value = e.target.value;
          setForm((f) => ({ ...f, [name]: value }));
        }}
      />
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

/** The drawing's options: layer, channel or class, size, blob, flips, steps, grey levels, seed. */
export function Controls({ form, setForm, labels, error, disabled }: {
  form: InkForm;
  setForm: (f: (prev: InkForm) => InkForm) => void;
  labels: string[];
  error: string | null;
  disabled: boolean;
}) {
  const isClass = form.layer === LOGITS_OUTPUT;
  const layer = DRAWABLE_LAYERS.find((l) => l.name === form.layer);
  const matches = useMemo(() => (isClass ? searchClasses(labels, form.className, 6) : []), [isClass, labels, form.className]);
  const exact = matches.some((m) => m.label.split(",").map((s) => s.trim().toLowerCase()).includes(form.className.trim().toLowerCase()));
  return (
    <form className="ink-controls" onSubmit={(e) => e.preventDefault()} aria-label="Drawing options">
      <label className="ink-field wide">
        <span>Layer</span>
        <select name="layer" value={form.layer} disabled={disabled} onChange={(e) => setForm((f) => ({ ...f, layer: e.target.value }))}>
          <option value={LOGITS_OUTPUT}>class scores (conv_preds, 1,000 ImageNet classes)</option>
          {GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.layers.map((l) => (
                <option key={l.name} value={l.name}>
                  {l.name} ({l.channels} channels)
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {isClass ? (
        <div className="ink-field wide">
          <label htmlFor="ink-class">
            <span>ImageNet class</span>
          </label>
          <input
            id="ink-class"
            name="className"
            type="search"
            autoComplete="off"
            list="ink-class-list"
            placeholder="e.g. tabby cat, volcano"
            value={form.className}
            disabled={disabled}
            onChange={(e) => {
              const value = e.target.value;
              setForm((f) => ({ ...f, className: value }));
            }}
          />
          <datalist id="ink-class-list">
            {labels.map((l) => (
              <option key={l} value={l.split(",")[0]} />
            ))}
          </datalist>
          {!exact && matches.length ? (
            <div className="ink-suggest" aria-label="Matching classes">
              {matches.map((m) => (
                <button
                  key={m.index}
                  type="button"
                  className="ink-chip"
                  disabled={disabled}
                  onClick={() => setForm((f) => ({ ...f, className: m.label.split(",")[0] }))}
                >
                  {m.label.split(",")[0]}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ) : (
        <NumberField
          label="Channel"
          name="channel"
          form={form}
          setForm={setForm}
          min={0}
          max={layer ? layer.channels - 1 : undefined}
          hint={layer ? `0 to ${layer.channels - 1}` : undefined}
          disabled={disabled}
        />
      )}
      <label className="ink-field">
        <span>Image size</span>
        <select name="size" value={form.size} disabled={disabled} onChange={(e) => setForm((f) => ({ ...f, size: e.target.value }))}>
          {SIZES.map((s) => (
            <option key={s} value={String(s)}>
              {s} x {s}
            </option>
          ))}
        </select>
      </label>
      <NumberField label="Blob (px)" name="blob" form={form} setForm={setForm} min={1} disabled={disabled} />
      <NumberField label="Flips per step" name="flipsPerStep" form={form} setForm={setForm} min={1} disabled={disabled} />
      <NumberField label="Steps" name="steps" form={form} setForm={setForm} min={1} max={2000} disabled={disabled} />
      <NumberField label="Black (grey 0-255)" name="black" form={form} setForm={setForm} min={0} max={254} disabled={disabled} />
      <NumberField label="White (grey 0-255)" name="white" form={form} setForm={setForm} min={1} max={255} disabled={disabled} />
      <NumberField label="Seed" name="seed" form={form} setForm={setForm} min={0} disabled={disabled} />
      <NumberField label="Rest after a flip" name="cooldown" form={form} setForm={setForm} min={0} hint="steps" disabled={disabled} />
      <label className="ink-check">
        <input type="checkbox" name="anywhere" checked={form.anywhere} disabled={disabled} onChange={(e) => setForm((f) => ({ ...f, anywhere: e.target.checked }))} />
        <span>Flip anywhere (not only at the ink&rsquo;s edge)</span>
      </label>
      {error ? (
        <p className="ink-error" role="alert" data-testid="options-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
