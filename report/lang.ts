// The languages reports and diagrams are written in: English, and Chinese in the seed article's own words.

export type Lang = 'en' | 'zh';

export const LANGS: readonly Lang[] = Object.freeze(['en', 'zh']);

/**
 * Narrow a user-supplied string to a Lang (a CLI flag, a query parameter).
 *
 * @example
 * isLang('zh'); // true
 */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}
