import { z } from 'zod';
import { ImageTagsSchema } from '../../assets/tags.ts';
import { defineSkill } from './define.ts';

/**
 * What a product image shows (DOMAIN.md F15): shot type, overlays, watermarks, props, people, text, colours, alt text
 * and whether it shows the product described. The runner sends the image (≤ 1568 px JPEG) after this text.
 */
export const tagImageSkill = defineSkill({
  name: 'tag_image',
  version: 1,
  usesVision: true,
  maxTokens: 700,
  systemPrompt: [
    'You review product images for retail listings (Amazon, Walmart, Target Plus). Look only at the image and report what it shows.',
    'shot_type: packshot_white = the product alone on a plain white background; lifestyle = the product in use or in a scene; infographic = callouts, icons or',
    'text panels explaining features; packaging = the box or pack itself as the subject; detail = a close-up; swatch = a colour or texture sample; size_chart = a',
    'dimension or size table. has_text_overlay = text or graphics added on top of the photo (badges, banners, "NEW!"), not text printed on the product itself.',
    'has_props = objects that are not the product. matches_product = whether the image plausibly shows the product described (null if you cannot tell).',
    'confidence = how sure you are of the whole answer, 0 to 1. alt_text: one plain sentence for screen readers, under 125 characters.',
  ].join('\n'),
  input: z.object({
    assetId: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    filename: z.string(),
    sku: z.string().nullable(),
    title: z.string().nullable(),
    brand: z.string().nullable(),
    category: z.string().nullable(),
    expectedColors: z.array(z.string()).default([]),
    packSize: z.string().nullable(),
  }),
  output: ImageTagsSchema,
  render: (i) =>
    [
      'Tag this product image.',
      `Product: ${i.title ?? '(no title)'}${i.brand ? ` by ${i.brand}` : ''}${i.category ? ` (${i.category})` : ''}${i.sku ? `, SKU ${i.sku}` : ''}.`,
      i.packSize ? `Pack size: ${i.packSize}.` : '',
      i.expectedColors.length ? `Expected colours: ${i.expectedColors.join(', ')}.` : '',
      `File: ${i.filename} (image sha256 ${i.sha256}).`,
    ].filter(Boolean).join('\n'),
});
