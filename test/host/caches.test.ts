import { describe, expect, it } from 'vitest';
import { cacheSlot, createCaches } from '../../src/host/caches.js';
import { createHost } from '../../src/host/host.js';

describe('a host\'s caches', () => {
  const slot = cacheSlot('numbers', () => new Map<string, number>());

  it('make a slot\'s cache once and hand the same one back', () => {
    const caches = createCaches();
    caches.get(slot).set('a', 1);
    expect(caches.get(slot).get('a')).toBe(1);
    expect(caches.names()).toEqual(['numbers']);
  });

  it('are the host\'s own unless it is given a batch\'s', () => {
    const shared = createCaches();
    const [a, b] = [createHost({ projectRoot: '.', caches: shared }), createHost({ projectRoot: '.', caches: shared })];
    a.caches.get(slot).set('x', 1);
    expect(b.caches.get(slot).get('x')).toBe(1);
    expect(createHost({ projectRoot: '.' }).caches.get(slot).size).toBe(0);
  });

  it('close what they hold and start empty after', () => {
    const closed: string[] = [];
    const files = cacheSlot('files', () => ['f'], (held) => closed.push(...held));
    const caches = createCaches();
    caches.get(files);
    caches.get(slot).set('y', 2);
    caches.close();
    expect(closed).toEqual(['f']);
    expect(caches.get(slot).size).toBe(0);
  });

  it('keep two slots of the same name apart', () => {
    const caches = createCaches();
    const other = cacheSlot('numbers', () => new Map<string, number>());
    caches.get(slot).set('z', 3);
    expect(caches.get(other).has('z')).toBe(false);
  });
});
