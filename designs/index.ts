// The registry of designs: kebab-case name -> Design. It starts with the four alternatives of the article's
// table (the plain-message row in both orders of send and main transaction) and the fifth, the
// transactional-message model of model/ (transactionalMessage.ts, the only file here that imports the model).
// More designs can join through registerDesign. The comparison, the docs and the tests read only this map.
import type { Design } from './design.ts';
import { localMessageTableDesign } from './localMessageTable.ts';
import { plainMessageDesign, plainMessageSendFirstDesign } from './plainMessage.ts';
import { tccDesign } from './tcc.ts';
import { transactionalMessageDesign } from './transactionalMessage.ts';
import { xaDesign } from './xa.ts';

/** The name the transactional-message design is expected to register under. */
export const TRANSACTIONAL_MESSAGE_DESIGN = 'transactional-message';

/** The alternatives this folder defines, in the article's row order. */
export const ALTERNATIVE_DESIGNS: readonly Design[] = Object.freeze([
  plainMessageDesign,
  plainMessageSendFirstDesign,
  localMessageTableDesign,
  xaDesign,
  tccDesign,
]);

/** Every built-in design: the alternatives, then the transactional message, as the article's rows. */
const BUILT_IN: readonly Design[] = [...ALTERNATIVE_DESIGNS, transactionalMessageDesign];

const registry = new Map<string, Design>(BUILT_IN.map((d) => [d.name, d]));

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Add a design (the transactional-message model's adapter). Throws on a name that is not kebab-case or is
 * taken, unless `replace` is set.
 *
 * @example
 * registerDesign({ name: 'transactional-message', title: '...', articleRow: '事务消息',
 *   articleRatings: { decoupling: '高', consistency: '高' }, coupling: { ... }, run: (spec) => runTxMessage(spec) });
 */
export function registerDesign(design: Design, options: { replace?: boolean } = {}): void {
  if (!KEBAB.test(design.name)) throw new Error(`registerDesign: name must be kebab-case, got ${JSON.stringify(design.name)}`);
  if (registry.has(design.name) && options.replace !== true) throw new Error(`registerDesign: ${design.name} is already registered`);
  registry.set(design.name, design);
}

/** A design by name; throws listing the known names. */
export function getDesign(name: string): Design {
  const d = registry.get(name);
  if (d === undefined) throw new Error(`unknown design ${name}; known: ${[...registry.keys()].join(', ')}`);
  return d;
}

/** Every registered design, in registration order. */
export function listDesigns(): Design[] {
  return [...registry.values()];
}
