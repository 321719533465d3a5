// The backend switch: one radio button per backend, disabled where this browser lacks it, each with
// what was found (the WebGPU adapter, or why not).
import type { BackendName, BackendStatus } from "./backends.js";

export function renderBackendPicker(
  container: HTMLElement,
  statuses: readonly BackendStatus[],
  selected: BackendName,
  onSelect: (name: BackendName) => void,
): { setEnabled(enabled: boolean): void } {
  container.replaceChildren();
  const inputs: HTMLInputElement[] = [];
  const gpu = document.createElement("div");
  gpu.className = "detail";
  gpu.textContent = `navigator.gpu: ${"gpu" in navigator ? "present" : "absent"}`;
  for (const status of statuses) {
    const label = document.createElement("label");
    label.className = status.available ? "" : "unavailable";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "backend";
    input.value = status.name;
    input.disabled = !status.available;
    input.checked = status.name === selected;
    input.addEventListener("change", () => input.checked && onSelect(status.name));
    const detail = document.createElement("span");
    detail.className = "detail";
    detail.textContent = status.detail;
    label.append(input, ` ${status.name}`, detail);
    container.append(label);
    if (status.available) inputs.push(input);
  }
  container.append(gpu);
  return {
    setEnabled(enabled) {
      for (const input of inputs) input.disabled = !enabled;
    },
  };
}
