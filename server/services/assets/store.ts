/**
 * Where asset bytes live. Content-addressed keys (`<companyId>/<sha256>.<ext>`) make a retried write a no-op and let
 * two uploads of the same bytes share one file. The default store is a directory (EMBER_DATA_DIR/assets); anything
 * with the same three methods (S3, GCS) can replace it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface AssetStore {
  put(companyId: string, bytes: Buffer, ext: string): Promise<{ storageKey: string; sha256: string }>;
  read(storageKey: string): Promise<Buffer>;
  exists(storageKey: string): Promise<boolean>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f]{64}\.[a-z0-9]{1,5}$/;

export function directoryAssetStore(root: string): AssetStore {
  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not an asset key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(companyId, bytes, ext) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storageKey = `${companyId}/${sha256}.${ext.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'bin'}`;
      const target = file(storageKey);
      if (await stat(target).then(() => true, () => false)) return { storageKey, sha256 };
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under a final key.
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, target);
      return { storageKey, sha256 };
    },
    read: (key) => readFile(file(key)),
    exists: (key) => stat(file(key)).then(() => true, () => false),
  };
}

export function defaultAssetStore(): AssetStore {
  return directoryAssetStore(path.resolve(process.env.EMBER_DATA_DIR ?? './.data', 'assets'));
}
