// Store keys of the form `<prefix><n>` (a queue's messages, the transaction center's half and op records), built
// once and reused. Hot paths read and write them several times per message and per check round; a fresh template
// string each time costs an allocation and a hash on every map lookup. The text is the same, so stores, traces and
// facts see no difference. Only keys below NUMBERED_KEYS_CACHED are kept, so a long soak does not hold one string
// per record it ever stored. Pure: no state beyond the cache, whose contents are a function of the inputs.

/** How many keys per prefix are kept. */
export const NUMBERED_KEYS_CACHED = 1024;

/**
 * A function giving `${prefix}${n}`, cached for n below NUMBERED_KEYS_CACHED.
 *
 * @example
 * const halfKey = numberedKeys('tc/half/');
 * halfKey(3); // 'tc/half/3', the same string object on every call
 */
export function numberedKeys<K extends string>(prefix: string): (n: number) => K {
  const keys: K[] = [];
  return (n) => {
    if (n >= NUMBERED_KEYS_CACHED || n < 0 || !Number.isInteger(n)) return `${prefix}${n}` as K;
    return (keys[n] ??= `${prefix}${n}` as K);
  };
}
