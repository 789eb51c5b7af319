import { describe, expect, it } from 'vitest';
import { matchFirst, matchPath } from './router.tsx';

describe('matchPath', () => {
  it('matches static paths exactly', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/signin', '/signin')).toEqual({});
    expect(matchPath('/signin', '/signup')).toBeNull();
    expect(matchPath('/', '/signin')).toBeNull();
  });

  it('extracts named params', () => {
    expect(matchPath('/supplier/:slug/workflows', '/supplier/copper-kettle/workflows')).toEqual({ slug: 'copper-kettle' });
    expect(matchPath('/supplier/:slug/workflows/:id', '/supplier/bluewater/workflows/7f0c')).toEqual({ slug: 'bluewater', id: '7f0c' });
  });

  it('requires the same number of segments', () => {
    expect(matchPath('/supplier/:slug/workflows', '/supplier/copper-kettle/workflows/abc')).toBeNull();
    expect(matchPath('/supplier/:slug/workflows/:id', '/supplier/copper-kettle/workflows')).toBeNull();
    expect(matchPath('/supplier/:slug/workflows', '/supplier/workflows')).toBeNull();
  });

  it('ignores trailing and doubled slashes', () => {
    expect(matchPath('/supplier/:slug/workflows', '/supplier/x/workflows/')).toEqual({ slug: 'x' });
    expect(matchPath('/supplier/:slug/workflows', '//supplier//x/workflows')).toEqual({ slug: 'x' });
  });

  it('decodes params and rejects malformed encodings', () => {
    expect(matchPath('/a/:name', '/a/hello%20world')).toEqual({ name: 'hello world' });
    expect(matchPath('/a/:name', '/a/%E0%A4%A')).toBeNull();
  });

  it('is case-sensitive for static segments', () => {
    expect(matchPath('/supplier/:slug/workflows', '/Supplier/x/workflows')).toBeNull();
  });
});

describe('matchFirst', () => {
  const patterns = ['/', '/signin', '/supplier/:slug/workflows', '/supplier/:slug/workflows/:id'] as const;

  it('returns the first matching pattern with its params', () => {
    expect(matchFirst(patterns, '/supplier/a/workflows/b')).toEqual({ pattern: '/supplier/:slug/workflows/:id', params: { slug: 'a', id: 'b' } });
    expect(matchFirst(patterns, '/')).toEqual({ pattern: '/', params: {} });
  });

  it('prefers earlier patterns when several match', () => {
    expect(matchFirst(['/a/:x', '/a/b'], '/a/b')?.pattern).toBe('/a/:x');
  });

  it('returns null for unknown routes', () => {
    expect(matchFirst(patterns, '/nope')).toBeNull();
  });
});
