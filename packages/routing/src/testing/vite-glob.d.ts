// Vite's `import.meta.glob` (used by the tutorial tests to load YAML as text); narrow local typing so the
// package keeps `"types": []` and no node: imports.
interface ImportMeta {
  glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
}
