/**
 * Outputs up to this many elements are read back to finish a timed run, in every library. Reading
 * a few bytes costs next to nothing and is the one completion signal that cannot be skipped: a
 * lazy library (jax-js) may keep a small result as an unevaluated expression until it is read.
 * Larger outputs wait on each library's completion primitive instead of being copied out.
 */
export const READ_BACK_BELOW = 64;
