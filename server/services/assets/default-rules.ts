/**
 * The seeded image rules per retailer code (DOMAIN.md §3.1), as `retailers.image_rules` values. Every number is a
 * parameter a company can edit; the rule codes are the ones findings, tasks and the gallery show.
 */
import type { ImageRules } from './rules.ts';
import { DEFAULT_MEASUREMENT } from './measure.ts';

const AMZ_TECH = 'sellercentral.amazon.com/gp/help/external/G9FUUH87RBNXGKB7';
const AMZ_MAIN = 'Amazon "Adding Images" guide; G1881 "Product image requirements"';
const WMT = 'marketplacelearn.walmart.com "Product detail page: Image guidelines & requirements" (Jul 15 2025)';
const TGT = 'assumed — confirm with Target Plus partner docs';

const MB = 1024 * 1024;

export const DEFAULT_IMAGE_RULES: Record<string, ImageRules> = {
  amazon_us: {
    measurement: DEFAULT_MEASUREMENT,
    categories: {},
    rules: [
      { code: 'AMZ_IMG_FORMAT', check: 'format', severity: 'error', scope: 'technical', params: { allowed: ['jpeg', 'tiff', 'png', 'gif'], allowAnimated: false }, note: AMZ_TECH },
      { code: 'AMZ_IMG_COLOR', check: 'color_space', severity: 'warning', scope: 'technical', params: { allowed: ['rgb'] }, note: `${AMZ_TECH} (CMYK accepted, RGB preferred)` },
      { code: 'AMZ_IMG_MIN', check: 'min_longest_side', severity: 'error', scope: 'technical', params: { min: 500 }, note: AMZ_MAIN },
      { code: 'AMZ_IMG_ZOOM', check: 'min_longest_side', severity: 'warning', scope: 'technical', params: { min: 1000 }, note: `${AMZ_TECH} (zoom)` },
      { code: 'AMZ_IMG_MAX', check: 'max_longest_side', severity: 'error', scope: 'technical', params: { max: 10000 }, note: AMZ_TECH },
      { code: 'AMZ_IMG_DPI', check: 'min_density', severity: 'info', scope: 'technical', params: { dpi: 72 }, note: AMZ_TECH },
      { code: 'AMZ_MAIN_WHITE_BG', check: 'white_background', severity: 'error', scope: 'main', params: { minWhiteRatio: 0.98 }, note: AMZ_MAIN },
      { code: 'AMZ_MAIN_FILL_85', check: 'fill', severity: 'error', scope: 'main', params: { min: 0.85 }, note: AMZ_MAIN },
    ],
  },
  walmart_us: {
    measurement: DEFAULT_MEASUREMENT,
    categories: {},
    rules: [
      { code: 'WMT_IMG_FORMAT', check: 'format', severity: 'error', scope: 'technical', params: { allowed: ['jpeg', 'png', 'bmp'], allowAnimated: false }, note: WMT },
      { code: 'WMT_IMG_COLOR', check: 'color_space', severity: 'error', scope: 'technical', params: { allowed: ['rgb'] }, note: WMT },
      { code: 'WMT_IMG_SIZE_BYTES', check: 'max_bytes', severity: 'error', scope: 'technical', params: { max: 5 * MB }, note: WMT },
      { code: 'WMT_IMG_BIT_DEPTH', check: 'bits_per_channel', severity: 'warning', scope: 'technical', params: { bits: 8 }, note: `${WMT} ("8 bits per pixel", checked per channel)` },
      { code: 'WMT_IMG_DIMENSIONS', check: 'min_shortest_side', severity: 'warning', scope: 'technical', params: { min: 1500 }, note: `${WMT} (2200 × 2200 recommended; ≥ 1500 for zoom)` },
      { code: 'WMT_IMG_ASPECT', check: 'aspect', severity: 'warning', scope: 'technical', params: { ratio: 1, tolerance: 0.01 }, note: WMT },
      { code: 'WMT_MAIN_WHITE_BG', check: 'white_background', severity: 'error', scope: 'main', params: { minWhiteRatio: 0.98 }, note: WMT },
    ],
  },
  target_plus: {
    measurement: DEFAULT_MEASUREMENT,
    categories: {},
    rules: [
      { code: 'TGT_IMG_FORMAT', check: 'format', severity: 'error', scope: 'technical', params: { allowed: ['jpeg', 'png', 'tiff', 'gif'], allowAnimated: false }, note: TGT },
      { code: 'TGT_IMG_MIN', check: 'min_longest_side', severity: 'warning', scope: 'technical', params: { min: 1000 }, note: TGT },
      { code: 'TGT_MAIN_WHITE_BG', check: 'white_background', severity: 'error', scope: 'main', params: { minWhiteRatio: 0.98 }, note: TGT },
      { code: 'TGT_MAIN_FILL_85', check: 'fill', severity: 'error', scope: 'main', params: { min: 0.85 }, note: TGT },
    ],
  },
};
