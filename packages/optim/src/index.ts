// @jaxts/optim: optax for jaxts. Gradient transformations, optimizers, schedules and losses under
// optax's names, camelCased. `optim` bundles them as one namespace (values and types alike:
// `optim.adam(1e-3)`, `optim.GradientTransformation`), which is how `jaxts` exports it.
export * from "./api.js";
export * as optim from "./api.js";
