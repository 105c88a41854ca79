// The part of js-yaml (a dev dependency without bundled types) the manifest tests use.
declare module 'js-yaml' {
  /** Parse every document of a YAML stream. */
  export function loadAll(text: string): unknown[];
  /** Parse one YAML document. */
  export function load(text: string): unknown;
}
