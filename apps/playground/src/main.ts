// The playground's entry: starts the backends, then wires the editor, the examples, the backend
// switch and the training demo to the page, publishing its state on window.__playground.
import * as jaxts from "jaxts";
import { renderBackendPicker } from "./backend-picker.js";
import { type BackendName, probeBackends, selectBackend } from "./backends.js";
import { fetchDigits } from "./digits.js";
import { bindEditorKeys } from "./editor-keys.js";
import { EXAMPLES } from "./examples.js";
import { LossPlot } from "./loss-plot.js";
import { runCode } from "./run-code.js";
import { initialState } from "./state.js";
import { DEFAULT_TRAIN, trainMlp } from "./training.js";

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
};

const state = initialState();
window.__playground = state;
window.jaxts = jaxts;

const editor = byId<HTMLTextAreaElement>("editor");
const exampleSelect = byId<HTMLSelectElement>("example");
const runButton = byId<HTMLButtonElement>("run");
const runStatus = byId<HTMLSpanElement>("run-status");
const output = byId<HTMLPreElement>("output");
const trainButton = byId<HTMLButtonElement>("train");
const trainStatus = byId<HTMLSpanElement>("train-status");
const plot = new LossPlot(byId<HTMLCanvasElement>("loss-plot"));

for (const example of EXAMPLES) exampleSelect.add(new Option(example.title, example.id));
const showExample = (id: string): void => {
  editor.value = EXAMPLES.find((e) => e.id === id)?.code ?? "";
};
exampleSelect.addEventListener("change", () => showExample(exampleSelect.value));
showExample(EXAMPLES[0].id);

// Run and Train share the device, so one of them runs at a time and the backend stays put meanwhile.
let picker: { setEnabled(enabled: boolean): void } | undefined;
const setBusy = (busy: boolean): void => {
  runButton.disabled = busy;
  trainButton.disabled = busy;
  picker?.setEnabled(!busy);
};

runButton.addEventListener("click", async () => {
  setBusy(true);
  output.replaceChildren();
  output.dataset.state = "running";
  state.run = {
    phase: "running",
    example: exampleSelect.value,
    output: "",
    ms: 0,
    device: state.backend ?? "",
  };
  runStatus.textContent = `running on ${state.backend}…`;
  const lines: string[] = [];
  const result = await runCode(editor.value, (line, isError) => {
    lines.push(line);
    const span = document.createElement("span");
    if (isError) span.className = "error";
    span.textContent = `${line}\n`;
    output.append(span);
  });
  state.run = { ...state.run, phase: result.ok ? "done" : "error", output: lines.join("\n"), ms: result.ms };
  output.dataset.state = state.run.phase;
  runStatus.textContent = `${result.ok ? "done" : "failed"} on ${state.backend} in ${result.ms.toFixed(0)} ms`;
  setBusy(false);
});

bindEditorKeys(editor, () => {
  if (!runButton.disabled) runButton.click();
});

const numberInput = (id: string, fallback: number): number => {
  const v = Number(byId<HTMLInputElement>(id).value);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

trainButton.addEventListener("click", async () => {
  setBusy(true);
  const options = {
    ...DEFAULT_TRAIN,
    steps: numberInput("steps", DEFAULT_TRAIN.steps),
    batchSize: numberInput("batch", DEFAULT_TRAIN.batchSize),
  };
  state.train = { phase: "running", losses: [], testAccuracy: null, seconds: 0, device: "", error: null };
  trainStatus.dataset.state = "running";
  trainStatus.textContent = "loading digits…";
  plot.draw([], options.steps);
  try {
    const digits = await fetchDigits();
    trainStatus.textContent = `training on ${state.backend} (${digits.train.size} digits)…`;
    const result = await trainMlp(digits, options, (p) => {
      state.train.losses = [...p.losses];
      state.train.seconds = p.seconds;
      plot.draw(p.losses, p.steps);
      const last = p.losses[p.losses.length - 1];
      trainStatus.textContent = `step ${p.step}/${p.steps}, loss ${last.toFixed(4)}, ${p.seconds.toFixed(1)} s`;
    });
    state.train = {
      phase: "done",
      losses: [...result.losses],
      testAccuracy: result.testAccuracy,
      seconds: result.seconds,
      device: result.device,
      error: null,
    };
    const last = result.losses[result.losses.length - 1];
    trainStatus.textContent =
      `${result.step} steps on ${result.device} in ${result.seconds.toFixed(1)} s: ` +
      `loss ${result.losses[0].toFixed(3)} → ${last.toFixed(3)}, ` +
      `test accuracy ${(100 * result.testAccuracy).toFixed(1)}% on held-out digits`;
  } catch (e) {
    state.train = { ...state.train, phase: "error", error: e instanceof Error ? e.message : String(e) };
    trainStatus.textContent = `failed: ${state.train.error}`;
  }
  trainStatus.dataset.state = state.train.phase;
  setBusy(false);
});

// Start the backends (webgpu asynchronously), pick the best one, and enable the page.
const statuses = await probeBackends();
const first = statuses.find((s) => s.available)?.name ?? "cpu";
const fromQuery = new URLSearchParams(location.search).get("backend") as BackendName | null;
const initial = statuses.some((s) => s.name === fromQuery && s.available) ? fromQuery! : first;
const choose = (name: BackendName): void => {
  selectBackend(name);
  state.backend = name;
};
choose(initial);
state.backends = statuses;
picker = renderBackendPicker(byId("backends"), statuses, initial, choose);
byId("backends").dataset.state = "ready";
setBusy(false);
state.ready = true;
