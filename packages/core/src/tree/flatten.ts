import { ValueError } from "../errors.js";
import { type NodeType, PyTreeDef, type TreeNode } from "./treedef.js";

const registry = new Map<Function, NodeType>();

/**
 * Registers a class as a pytree node (JAX's `register_pytree_node`): instances flatten to their
 * children and rebuild from them. Without registration, class instances are leaves.
 */
export function registerNode<T extends object, Aux>(
  cls: abstract new (...args: never[]) => T,
  flatten: (node: T) => [children: unknown[], aux: Aux],
  unflatten: (aux: Aux, children: unknown[]) => T,
): void {
  registry.set(cls, { name: cls.name, flatten, unflatten } as NodeType);
}

/** The registered node types whose class is named `name` (how tree.load finds them again). */
export function registeredNodes(name: string): NodeType[] {
  return [...registry.values()].filter((t) => t.name === name);
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Flattens a pytree into its leaves, in JAX's order (object keys sorted), and its structure. */
export function flatten(tree: unknown, isLeaf?: (x: unknown) => boolean): [unknown[], PyTreeDef] {
  const out: unknown[] = [];
  const walk = (x: unknown): TreeNode => {
    if (isLeaf?.(x)) {
      out.push(x);
      return { kind: "leaf" };
    }
    if (x === null || x === undefined) return { kind: "none", value: x };
    if (Array.isArray(x)) return { kind: "list", children: x.map(walk) };
    if (typeof x === "object") {
      const custom = registry.get(x.constructor);
      if (custom) {
        const [children, aux] = custom.flatten(x);
        return { kind: "custom", type: custom, aux, children: children.map(walk) };
      }
      if (isPlainObject(x)) {
        const keys = Object.keys(x).sort();
        const rec = x as Record<string, unknown>;
        return { kind: "dict", keys, children: keys.map((k) => walk(rec[k])) };
      }
    }
    out.push(x);
    return { kind: "leaf" };
  };
  const node = walk(tree);
  return [out, new PyTreeDef(node)];
}

/** Rebuilds a pytree of structure `treedef` from `leaves`. */
export function unflatten<T = unknown>(treedef: PyTreeDef, leaves: Iterable<unknown>): T {
  const it = leaves[Symbol.iterator]();
  let used = 0;
  const build = (n: TreeNode): unknown => {
    switch (n.kind) {
      case "leaf": {
        const next = it.next();
        if (next.done) {
          throw new ValueError(`Too few leaves for PyTreeDef; expected ${treedef.numLeaves}, got ${used}.`);
        }
        used++;
        return next.value;
      }
      case "none":
        return n.value;
      case "list":
        return n.children.map(build);
      case "dict": {
        const obj: Record<string, unknown> = {};
        n.keys.forEach((k, i) => {
          obj[k] = build(n.children[i]);
        });
        return obj;
      }
      case "custom":
        return n.type.unflatten(n.aux, n.children.map(build));
      default:
        return n satisfies never;
    }
  };
  const result = build(treedef.node);
  if (!it.next().done) {
    throw new ValueError(`Too many leaves for PyTreeDef; expected ${treedef.numLeaves}.`);
  }
  return result as T;
}

export function leaves(tree: unknown, isLeaf?: (x: unknown) => boolean): unknown[] {
  return flatten(tree, isLeaf)[0];
}

export function structure(tree: unknown, isLeaf?: (x: unknown) => boolean): PyTreeDef {
  return flatten(tree, isLeaf)[1];
}

/**
 * Applies `fn` to the leaves of `tree` (and the corresponding leaves of `rest`, which must have
 * the same structure), keeping the structure (JAX's `tree_map`).
 */
export function map<T>(fn: (leaf: never, ...rest: never[]) => unknown, tree: T, ...rest: unknown[]): T {
  const [ls, def] = flatten(tree);
  const others = rest.map((r) => {
    const [rl, rdef] = flatten(r);
    if (!rdef.equals(def)) {
      throw new ValueError(
        `Custom node type mismatch; expected ${def.toString()}, but got ${rdef.toString()}.`,
      );
    }
    return rl;
  });
  const call = fn as (...args: unknown[]) => unknown;
  return unflatten<T>(
    def,
    ls.map((l, i) => call(l, ...others.map((o) => o[i]))),
  );
}
