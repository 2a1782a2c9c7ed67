import { describe, expect, it } from 'vitest';
import { ANALYSIS_CODES, isAnalysisCode } from './analysis-codes.js';

// packages/api is pure (tsconfig "types": []), so node:fs is loaded untyped, in tests only.
const fs = (await import('node:fs' as string)) as {
  readFileSync(file: string, encoding: 'utf8'): string;
  readdirSync(dir: string, options: { recursive: true }): string[];
};
// import.meta.url is untyped here for the same reason.
const here = decodeURIComponent(
  (import.meta as unknown as { url: string }).url.replace(/^file:\/\//, ''),
).replace(/[^/]+$/, '');
const doc = fs.readFileSync(`${here}../../../../docs/analysis-codes.md`, 'utf8');

describe('ANALYSIS_CODES', () => {
  it.each(Object.entries(ANALYSIS_CODES))('%s is documented with its level and title', (code, info) => {
    expect(doc).toContain(`### ${code} — ${info.title}`);
    const row = doc
      .split('\n')
      .find((l) => l.startsWith(`| ${code} `))
      ?.split('|')
      .map((c) => c.trim())
      .slice(1, -1);
    expect(row).toEqual([code, info.level, info.title, info.istio ?? '—', info.kiali ?? '—']);
  });

  it('documents no code that does not exist', () => {
    for (const m of doc.matchAll(/\bSM\d{4}\b/g)) expect(isAnalysisCode(m[0]), m[0]).toBe(true);
  });

  it('source files use only catalogued codes', () => {
    const srcDir = `${here}../`;
    for (const file of fs.readdirSync(srcDir, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const text = fs.readFileSync(srcDir + file, 'utf8');
      for (const m of text.matchAll(/'(SM\d{4})'/g))
        expect(isAnalysisCode(m[1] ?? ''), `${file}: ${m[1]}`).toBe(true);
    }
  });

  it('names real Istio and Kiali codes', () => {
    for (const info of Object.values(ANALYSIS_CODES)) {
      if (info.istio) expect(info.istio).toMatch(/^IST\d{4}$/);
      if (info.kiali) expect(info.kiali).toMatch(/^KIA\d{4}$/);
    }
  });
});
