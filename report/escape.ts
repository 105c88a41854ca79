// HTML escaping for everything a report prints: node names, order ids, violation details and replay commands
// come from users and scenario files, so none of it may become markup.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for HTML element content and for double- or single-quoted attribute values.
 *
 * @example
 * escapeHtml('<o1 & "o2">'); // '&lt;o1 &amp; &quot;o2&quot;&gt;'
 */
export function escapeHtml(text: string | number | boolean): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
