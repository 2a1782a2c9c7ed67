// Host → value lookup as Envoy picks virtual hosts: exact names first (one Map lookup), then wildcard
// suffixes (`*.example.com`) longest first, then `*`.

interface WildcardEntry<T> {
  readonly pattern: string;
  /** The suffix after `*`, e.g. `.example.com` (empty for `*`). */
  readonly suffix: string;
  readonly value: T;
}

export class HostIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly wildcards: WildcardEntry<T>[] = [];

  /** Adds a host or wildcard pattern (already normalised: lower-case, no trailing dot, no port). */
  add(pattern: string, value: T): void {
    if (pattern.startsWith('*')) {
      if (this.wildcards.some((w) => w.pattern === pattern)) return;
      this.wildcards.push({ pattern, suffix: pattern.slice(1), value });
      // Longest suffix first; `*` (empty suffix) last. Stable for equal lengths.
      this.wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
      return;
    }
    if (!this.exact.has(pattern)) this.exact.set(pattern, value);
  }

  /** Adds an exact name only when it is not there yet (aliases never shadow real names). */
  addAlias(name: string, value: T): void {
    if (!this.exact.has(name)) this.exact.set(name, value);
  }

  getExact(name: string): T | undefined {
    return this.exact.get(name);
  }

  getWildcard(pattern: string): T | undefined {
    return this.wildcards.find((w) => w.pattern === pattern)?.value;
  }

  /** The value for a normalised host: exact, else the most specific matching wildcard, else null. */
  lookup(host: string): T | null {
    const hit = this.exact.get(host);
    if (hit !== undefined) return hit;
    for (const w of this.wildcards) {
      if (w.suffix === '' || (host.length > w.suffix.length && host.endsWith(w.suffix))) return w.value;
    }
    return null;
  }

  /** Wildcard entries whose pattern covers `host`, most specific first. */
  wildcardsCovering(host: string): T[] {
    const out: T[] = [];
    for (const w of this.wildcards) {
      if (w.suffix === '' || (host.length > w.suffix.length && host.endsWith(w.suffix))) out.push(w.value);
    }
    return out;
  }

  entries(): IterableIterator<[string, T]> {
    return this.exact.entries();
  }

  wildcardEntries(): readonly { pattern: string; value: T }[] {
    return this.wildcards;
  }

  get size(): number {
    return this.exact.size + this.wildcards.length;
  }
}
