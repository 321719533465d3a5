import {
  lognormal,
  pareto,
  weibullMin,
  rayleigh,
  maxwell,
  doubleSidedMaxwell,
  triangular,
  geometric,
  wald,
} from "./continuous.js";
import { binomial } from "./binomial.js";
import { ball, beta, chisquare, dirichlet, fDist, gamma, generalizedNormal, loggamma, t } from "./gamma.js";
import { multivariateNormal, orthogonal } from "./linalg.js";
import { multinomial } from "./multinomial.js";
import { poisson } from "./poisson.js";
import { categorical, choice, permutation, shuffle } from "./discrete.js";
import { bits, foldIn, key, keyData, PRNGKey, split, wrapKeyData } from "./keys.js";
import {
  bernoulli,
  cauchy,
  exponential,
  gumbel,
  laplace,
  logistic,
  normal,
  rademacher,
  randint,
  truncatedNormal,
  uniform,
} from "./samplers.js";
import { threefry2x32 } from "./threefry.js";

export {
  bernoulli,
  cauchy,
  exponential,
  type FloatDType,
  gumbel,
  laplace,
  logistic,
  normal,
  rademacher,
  randint,
  truncatedNormal,
  uniform,
} from "./samplers.js";
export { threefry2x32 } from "./threefry.js";
export {
  lognormal,
  pareto,
  weibullMin,
  rayleigh,
  maxwell,
  doubleSidedMaxwell,
  triangular,
  geometric,
  wald,
} from "./continuous.js";
export {
  ball,
  beta,
  chisquare,
  dirichlet,
  fDist as f,
  gamma,
  generalizedNormal,
  loggamma,
  t,
} from "./gamma.js";
export { multivariateNormal, orthogonal } from "./linalg.js";
export { binomial } from "./binomial.js";
export { multinomial } from "./multinomial.js";
export { poisson } from "./poisson.js";
export { categorical, choice, permutation, shuffle } from "./discrete.js";
export { bits, type BitsDType, foldIn, type Key, key, keyData, PRNGKey, split, wrapKeyData } from "./keys.js";

/** `jax.random`, under camelCase names. */
export const random = {
  PRNGKey,
  key,
  keyData,
  wrapKeyData,
  split,
  foldIn,
  bits,
  threefry2x32,
  uniform,
  normal,
  randint,
  bernoulli,
  rademacher,
  exponential,
  gumbel,
  laplace,
  logistic,
  cauchy,
  truncatedNormal,
  permutation,
  shuffle,
  categorical,
  choice,
  lognormal,
  pareto,
  weibullMin,
  rayleigh,
  maxwell,
  doubleSidedMaxwell,
  triangular,
  geometric,
  wald,
  multivariateNormal,
  orthogonal,
  gamma,
  loggamma,
  beta,
  dirichlet,
  chisquare,
  t,
  f: fDist,
  generalizedNormal,
  ball,
  poisson,
  binomial,
  multinomial,
};
