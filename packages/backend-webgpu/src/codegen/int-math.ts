// WGSL helpers for integer ops without a built-in.

function ipow(t: "i32" | "u32"): string {
  const one = t === "i32" ? "1i" : "1u";
  const neg =
    t === "i32"
      ? `if (y < 0i) {
    // XLA: negative exponents give 0, except for bases ±1.
    if (x == 1i) { return 1i; }
    if (x == -1i) { return select(1i, -1i, (y & 1i) == 1i); }
    return 0i;
  }
  `
      : "";
  return `fn ipow_${t}(x: ${t}, y: ${t}) -> ${t} {
  ${neg}var b = x; var n = u32(y); var acc = ${one};
  loop { if ((n & 1u) == 1u) { acc = acc * b; } n = n >> 1u; if (n == 0u) { break; } b = b * b; }
  return acc;
}`;
}

export const INT_HELPERS: Record<string, string> = {
  ipow_i32: ipow("i32"),
  ipow_u32: ipow("u32"),
};
