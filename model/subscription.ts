// RocketMQ tag subscription expressions (FilterAPI): `*` or empty matches every message, untagged ones included;
// otherwise tags separated by `||`, trimmed, empty parts ignored, matched exactly and case-sensitively, and an
// untagged message matches no tag list.

/** Immutable, and shared: parseSubscription returns the same object for the same expression. */
export interface Subscription {
  readonly expression: string;
  /** null: all messages. */
  readonly tags: ReadonlySet<string> | null;
}

/**
 * Parse a subscription expression.
 *
 * @example
 * parseSubscription('TagA || TagC').tags; // Set { 'TagA', 'TagC' }
 */
export function parseSubscription(expression: string): Subscription {
  // Every consumer and broker parses its groups' expressions at each boot: parse each distinct one once.
  let parsed = parsedExpressions.get(expression);
  if (parsed === undefined) {
    parsed = parse(expression);
    parsedExpressions.set(expression, parsed);
  }
  return parsed;
}

const parsedExpressions = new Map<string, Subscription>();

function parse(expression: string): Subscription {
  const trimmed = expression.trim();
  if (trimmed === '' || trimmed === '*') return { expression, tags: null };
  const tags = new Set<string>();
  for (const part of trimmed.split('||')) {
    const tag = part.trim();
    if (tag !== '') tags.add(tag);
  }
  return { expression, tags: tags.size === 0 ? null : tags };
}

/** Does a message with this tag ('' for none) pass the subscription? */
export function matchesTag(subscription: Subscription, tag: string): boolean {
  if (subscription.tags === null) return true;
  return tag !== '' && subscription.tags.has(tag);
}
