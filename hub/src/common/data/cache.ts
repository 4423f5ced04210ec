/**
 * Caches for what never changes once a build has completed: its attachment list and the attachment texts.
 * - In memory: parsed reports (bounded by a total resource count, least recently used out first) and
 *   in-flight requests, so switching branch, tab or project scope reads nothing twice.
 * - In IndexedDB (when the browser allows it): the texts, bounded in bytes, so the next visit downloads only
 *   builds that finished since. Keys carry the organisation and project ids. Failures degrade to memory only.
 * Transient failures (network, 5xx) are never cached.
 */
import type { AttachmentRef } from './api';
import type { ParsedAttachment } from './attachment';

export interface TextStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, text: string): void;
}

/** Memory of parsed attachments, evicting the least recently used beyond `maxResources` resources in total. */
export class ParsedCache {
  private readonly entries = new Map<string, { value: ParsedAttachment; weight: number }>();
  private total = 0;

  constructor(private readonly maxResources = 400_000) {}

  get(key: string): ParsedAttachment | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: ParsedAttachment): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.weight;
      this.entries.delete(key);
    }
    const weight = 'report' in value ? Math.max(1, value.report.resources.length) : 1;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxResources || k === key) break;
      this.entries.delete(k);
      this.total -= e.weight;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Remembers promises by key; a rejected promise is forgotten so the next call tries again. */
export class InFlight<T> {
  private readonly map = new Map<string, Promise<T>>();

  get(key: string, start: () => Promise<T>): Promise<T> {
    let p = this.map.get(key);
    if (!p) {
      p = start();
      this.map.set(key, p);
      p.catch(() => this.map.delete(key));
    }
    return p;
  }

  forget(key: string): void {
    this.map.delete(key);
  }
}

/** Attachment lists per build (tiny; memory only). */
export type AttachmentListCache = InFlight<AttachmentRef[]>;

const DB_NAME = 'drcheck-hub';
const DB_VERSION = 1;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Attachment texts in IndexedDB, at most `maxBytes` (least recently used out first). */
export class IndexedDbTextStore implements TextStore {
  private db: Promise<IDBDatabase | null>;

  constructor(private readonly maxBytes = 150 * 1024 * 1024) {
    this.db = this.open();
  }

  private open(): Promise<IDBDatabase | null> {
    if (typeof indexedDB === 'undefined') return Promise.resolve(null);
    return new Promise((resolve) => {
      let r: IDBOpenDBRequest;
      try {
        r = indexedDB.open(DB_NAME, DB_VERSION);
      } catch {
        return resolve(null);
      }
      r.onupgradeneeded = () => {
        r.result.createObjectStore('texts');
        r.result.createObjectStore('meta');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => resolve(null);
      r.onblocked = () => resolve(null);
    });
  }

  async get(key: string): Promise<string | undefined> {
    const db = await this.db;
    if (!db) return undefined;
    try {
      const tx = db.transaction(['texts', 'meta'], 'readwrite');
      const text = await request(tx.objectStore('texts').get(key) as IDBRequest<string | undefined>);
      if (text !== undefined) tx.objectStore('meta').put({ size: text.length * 2, usedAt: Date.now() }, key);
      return text;
    } catch {
      return undefined;
    }
  }

  put(key: string, text: string): void {
    // Stored at once, not when the page is next idle: a reload soon after a busy load must find every text
    // (deferred writes were lost to it, and the attachments downloaded again).
    void this.store(key, text);
  }

  private async store(key: string, text: string): Promise<void> {
    const db = await this.db;
    if (!db) return;
    const size = text.length * 2;
    if (size > this.maxBytes / 2) return;
    try {
      const tx = db.transaction(['texts', 'meta'], 'readwrite');
      tx.objectStore('texts').put(text, key);
      tx.objectStore('meta').put({ size, usedAt: Date.now() }, key);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      await this.trim();
    } catch {
      // Quota or a private window: the memory cache still works.
    }
  }

  private async trim(): Promise<void> {
    const db = await this.db;
    if (!db) return;
    const tx = db.transaction(['texts', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const keys = (await request(meta.getAllKeys())) as string[];
    const values = (await request(meta.getAll())) as Array<{ size: number; usedAt: number }>;
    let total = values.reduce((n, v) => n + v.size, 0);
    const order = keys.map((k, i) => ({ k, ...values[i] })).sort((a, b) => a.usedAt - b.usedAt);
    for (const e of order) {
      if (total <= this.maxBytes) break;
      meta.delete(e.k);
      tx.objectStore('texts').delete(e.k);
      total -= e.size;
    }
  }
}

/** No persistence (Node tests, or when the caller opts out). */
export class NoTextStore implements TextStore {
  async get(): Promise<string | undefined> {
    return undefined;
  }
  put(): void {
    // nothing kept
  }
}
