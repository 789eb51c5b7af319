/**
 * Retailers, attributes, categories and category specs of the demo (DOMAIN.md §4.1–4.2), with the text rule
 * parameters of §3.2. Shared by both demo companies; each company seeds the subset it uses.
 */
import type { RequirementParams } from '../../../shared/catalog/completeness.ts';
import type { TextRules } from '../../../shared/catalog/text-rules.ts';
import type { AttributeValidation } from '../../../shared/catalog/values.ts';
import type { AttributeType } from '../../../shared/catalog/vocab.ts';

export interface DemoAttribute {
  code: string;
  label: string;
  type: AttributeType;
  group: string;
  validation?: AttributeValidation;
}

export const DEMO_ATTRIBUTES: DemoAttribute[] = [
  { code: 'title', label: 'Title', type: 'text', group: 'copy', validation: { maxLength: 500 } },
  { code: 'bullets', label: 'Bullets', type: 'text_list', group: 'copy', validation: { maxItems: 10 } },
  { code: 'description', label: 'Description', type: 'textarea', group: 'copy', validation: { maxLength: 5000 } },
  { code: 'brand', label: 'Brand', type: 'text', group: 'identity' },
  { code: 'gtin', label: 'GTIN', type: 'identifier', group: 'identity' },
  { code: 'net_content', label: 'Net content', type: 'metric', group: 'pack' },
  { code: 'unit_count', label: 'Unit count', type: 'number', group: 'pack', validation: { min: 0 } },
  { code: 'unit_count_type', label: 'Unit count type', type: 'simple_select', group: 'pack', validation: { options: ['ounce', 'fl_oz', 'count'] } },
  { code: 'number_of_items', label: 'Number of items', type: 'number', group: 'pack', validation: { min: 1 } },
  { code: 'item_form', label: 'Item form', type: 'simple_select', group: 'product', validation: { options: ['ground', 'whole_bean', 'pods', 'liquid_concentrate', 'instant', 'liquid', 'foam', 'jerky', 'biscuit', 'chew', 'soft_chew', 'stick', 'woven', 'waffle'] } },
  { code: 'flavor', label: 'Flavor', type: 'text', group: 'product' },
  { code: 'scent', label: 'Scent', type: 'text', group: 'product' },
  { code: 'roast_level', label: 'Roast level', type: 'simple_select', group: 'product', validation: { options: ['light', 'medium', 'medium_dark', 'dark'] } },
  { code: 'caffeine_content', label: 'Caffeine', type: 'simple_select', group: 'product', validation: { options: ['caffeinated', 'decaffeinated'] } },
  { code: 'ingredients', label: 'Ingredients', type: 'textarea', group: 'compliance' },
  { code: 'allergen_statement', label: 'Allergen statement', type: 'textarea', group: 'compliance' },
  { code: 'target_species', label: 'Target species', type: 'simple_select', group: 'product', validation: { options: ['dog', 'cat'] } },
  { code: 'life_stage', label: 'Life stage', type: 'simple_select', group: 'product', validation: { options: ['puppy', 'adult', 'all_life_stages'] } },
  { code: 'breed_size', label: 'Breed size', type: 'simple_select', group: 'product', validation: { options: ['small', 'medium', 'large', 'all'] } },
  { code: 'skin_type', label: 'Skin type', type: 'simple_select', group: 'product', validation: { options: ['all', 'sensitive'] } },
  { code: 'material', label: 'Material', type: 'text', group: 'product' },
  { code: 'color', label: 'Color', type: 'text', group: 'product' },
  { code: 'country_of_origin', label: 'Country of origin', type: 'text', group: 'compliance' },
  { code: 'msrp', label: 'MSRP', type: 'price', group: 'commercial', validation: { currencies: ['USD'] } },
  { code: 'main_image', label: 'Main image', type: 'asset', group: 'media' },
  { code: 'secondary_images', label: 'Secondary images', type: 'asset', group: 'media' },
];

const COMMON = ['title', 'bullets', 'description', 'brand', 'gtin', 'net_content', 'unit_count', 'unit_count_type', 'number_of_items', 'item_form', 'ingredients', 'country_of_origin', 'msrp', 'main_image', 'secondary_images'];

export interface DemoCategory {
  code: string;
  name: string;
  gpcBrick: string;
  attributes: string[];
}

export const DEMO_CATEGORIES: Record<string, DemoCategory> = {
  coffee: { code: 'coffee', name: 'Coffee', gpcBrick: '10000115', attributes: [...COMMON, 'flavor', 'roast_level', 'caffeine_content'] },
  hand_soap: { code: 'hand_soap', name: 'Hand Soap', gpcBrick: '10000536', attributes: [...COMMON, 'scent', 'skin_type'] },
  dog_treats: { code: 'dog_treats', name: 'Dog Treats', gpcBrick: '10005783', attributes: [...COMMON, 'flavor', 'target_species', 'life_stage', 'breed_size'] },
  bath_towels: { code: 'bath_towels', name: 'Bath Towels', gpcBrick: '10001372', attributes: ['title', 'bullets', 'description', 'brand', 'gtin', 'material', 'color', 'item_form', 'main_image'] },
};

export interface DemoRetailer {
  code: string;
  name: string;
  pdpUrlTemplate: string;
  textRules: TextRules;
}

const AMZ_PROMO = ['free shipping', '100% quality guaranteed', 'best seller', 'hot item'];
export const DEMO_RETAILERS: Record<string, DemoRetailer> = {
  amazon_us: {
    code: 'amazon_us',
    name: 'Amazon.com',
    pdpUrlTemplate: 'https://www.amazon.com/dp/{retailerItemId}',
    textRules: {
      prefix: 'AMZ',
      titleMax: 200,
      titleProhibitedChars: ['!', '$', '?', '_', '{', '}', '^', '¬', '¦'],
      titlePromoPhrases: AMZ_PROMO,
      titleWordRepeatMax: 2,
      titleAllCaps: 'warning',
      bulletSpecialChars: ['™', '®', '€', '…', '†', '‡', '¢', '£', '¥', '©', '±', '~'],
      bulletProhibitedPhrases: ['eco-friendly', 'environmentally friendly', 'antimicrobial', 'antibacterial', 'made from bamboo', 'made from soy', 'full refund', 'if not satisfied'],
      bulletPlaceholders: ['N/A', 'NA', 'not applicable', 'TBD', 'COPY PENDING'],
      bulletCountRecommended: 5,
      bulletMaxWarn: 250,
      bulletMaxError: 500,
      noHtml: true,
      noContact: true,
    },
  },
  walmart_us: {
    code: 'walmart_us',
    name: 'Walmart Marketplace',
    pdpUrlTemplate: 'https://www.walmart.com/ip/{retailerItemId}',
    textRules: {
      prefix: 'WMT',
      titleMax: 150,
      titleProhibitedChars: ['~', '!', '*', '$'],
      titlePromoPhrases: ['free shipping', 'walmart fulfilled', 'hot sale', 'top rated', 'premium quality', 'best-selling', 'best seller', 'clearance', 'black friday', 'savings', 'low price', 'coming soon', 'out of stock', 'discontinued'],
      titleAllCaps: 'error',
      descriptionMinWords: 50,
      noHtml: true,
      noContact: true,
    },
  },
  target_plus: {
    code: 'target_plus',
    name: 'Target Plus',
    pdpUrlTemplate: 'https://www.target.com/p/-/A-{retailerItemId}',
    textRules: { prefix: 'TGT', titleStartsWithBrand: true, noHtml: true },
  },
};

export interface DemoSpec {
  retailer: string;
  category: string;
  productType: string;
  required: string[];
  params: RequirementParams;
}

const B3 = { bullets: { minItems: 3 } };
const B3S1 = { ...B3, secondary_images: { minItems: 1 } };
/** DOMAIN.md §4.2. Walmart's country_of_origin arrives with its spec bump (a later issue's change sentinel). */
export const DEMO_SPECS: DemoSpec[] = [
  { retailer: 'amazon_us', category: 'coffee', productType: 'COFFEE', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'item_form', 'unit_count', 'unit_count_type', 'number_of_items', 'roast_level', 'flavor', 'main_image'] },
  { retailer: 'walmart_us', category: 'coffee', productType: 'Coffee', params: B3S1, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'number_of_items', 'roast_level', 'flavor', 'main_image', 'secondary_images'] },
  { retailer: 'target_plus', category: 'coffee', productType: 'Coffee', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'roast_level', 'main_image'] },
  { retailer: 'amazon_us', category: 'hand_soap', productType: 'SKIN_CLEANING_AGENT', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'item_form', 'unit_count', 'number_of_items', 'scent', 'main_image'] },
  { retailer: 'walmart_us', category: 'hand_soap', productType: 'Hand Soaps', params: B3S1, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'number_of_items', 'scent', 'ingredients', 'main_image', 'secondary_images'] },
  { retailer: 'target_plus', category: 'hand_soap', productType: 'Hand Soap', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'scent', 'ingredients', 'main_image'] },
  { retailer: 'amazon_us', category: 'dog_treats', productType: 'PET_FOOD', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'item_form', 'flavor', 'target_species', 'life_stage', 'unit_count', 'number_of_items', 'main_image'] },
  { retailer: 'walmart_us', category: 'dog_treats', productType: 'Dog Treats', params: B3S1, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'flavor', 'life_stage', 'ingredients', 'main_image', 'secondary_images'] },
  { retailer: 'target_plus', category: 'dog_treats', productType: 'Dog Treats', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'flavor', 'ingredients', 'main_image'] },
  { retailer: 'amazon_us', category: 'bath_towels', productType: 'TOWEL', params: B3, required: ['title', 'brand', 'gtin', 'bullets', 'description', 'material', 'main_image'] },
];

export const WALMART_SPEC_VERSION = '5.0.20250121-19_24_23-api';
