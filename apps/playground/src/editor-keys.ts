// Keys that make a plain <textarea> usable as a code editor: Tab indents (instead of leaving the
// field) and Ctrl/Cmd+Enter runs, as in most notebooks.
export function bindEditorKeys(editor: HTMLTextAreaElement, run: () => void): void {
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.key === "Tab" && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    }
  });
}
