/**
 * Images for Claude vision: a long edge above 1568 px is downscaled by the API anyway, so sending at most that (as a
 * JPEG, q85, flattened on white) saves upload time and tokens (≈ w×h/750) without changing what the model sees.
 */
import sharp from 'sharp';

export const CLAUDE_MAX_EDGE = 1568;

export async function imageForClaude(bytes: Buffer): Promise<{ mediaType: 'image/jpeg'; data: string; width: number; height: number }> {
  const { data, info } = await sharp(bytes, { animated: false })
    .rotate()
    .resize({ width: CLAUDE_MAX_EDGE, height: CLAUDE_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return { mediaType: 'image/jpeg', data: data.toString('base64'), width: info.width, height: info.height };
}
