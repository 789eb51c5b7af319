/**
 * The demo retailers' spec files (DOMAIN.md §4.5), as pure data: Walmart-style draft-07 item specs per product type
 * in two versions (the newer one makes `countryOfOriginSubstantialTransformation` mandatory), Amazon-style product
 * type definitions, and the attribute maps from retailer names to Ember's attribute codes. The demo site, the seed
 * and the tests all build from these, so a seeded "current" version has exactly the checksum the site serves.
 */
export const WALMART_OLD_VERSION = '5.0.20250121-19_24_23-api';
export const WALMART_NEW_VERSION = '5.0.20250612-15_17_48';
export const AMAZON_VERSION = 'U1.0';

export const WALMART_ATTRIBUTE_MAP: Record<string, string> = {
  productName: 'title', brand: 'brand', gtin: 'gtin', keyFeatures: 'bullets', shortDescription: 'description', netContent: 'net_content',
  countPerPack: 'number_of_items', coffeeRoast: 'roast_level', flavor: 'flavor', scent: 'scent', ingredients: 'ingredients', lifestage: 'life_stage',
  mainImageUrl: 'main_image', productSecondaryImageURL: 'secondary_images', countryOfOriginSubstantialTransformation: 'country_of_origin', msrp: 'msrp',
};

export const AMAZON_ATTRIBUTE_MAP: Record<string, string> = {
  item_name: 'title', brand: 'brand', externally_assigned_product_identifier: 'gtin', bullet_point: 'bullets', product_description: 'description',
  item_form: 'item_form', unit_count: 'unit_count', unit_count_type: 'unit_count_type', number_of_items: 'number_of_items', roast_level: 'roast_level',
  flavor: 'flavor', scent: 'scent', target_species: 'target_species', life_stage: 'life_stage', main_product_image_locator: 'main_image', material: 'material',
  country_of_origin: 'country_of_origin',
};

/** Required internal codes per product type, as the seed's retailer_category_specs have them (§4.2). */
const WALMART_REQUIRED: Record<string, string[]> = {
  Coffee: ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'number_of_items', 'roast_level', 'flavor', 'main_image', 'secondary_images'],
  'Hand Soaps': ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'number_of_items', 'scent', 'ingredients', 'main_image', 'secondary_images'],
  'Dog Treats': ['title', 'brand', 'gtin', 'bullets', 'description', 'net_content', 'flavor', 'life_stage', 'ingredients', 'main_image', 'secondary_images'],
};
const AMAZON_REQUIRED: Record<string, string[]> = {
  COFFEE: ['title', 'brand', 'gtin', 'bullets', 'description', 'item_form', 'unit_count', 'unit_count_type', 'number_of_items', 'roast_level', 'flavor', 'main_image'],
  SKIN_CLEANING_AGENT: ['title', 'brand', 'gtin', 'bullets', 'description', 'item_form', 'unit_count', 'number_of_items', 'scent', 'main_image'],
  PET_FOOD: ['title', 'brand', 'gtin', 'bullets', 'description', 'item_form', 'flavor', 'target_species', 'life_stage', 'unit_count', 'number_of_items', 'main_image'],
  TOWEL: ['title', 'brand', 'gtin', 'bullets', 'description', 'material', 'main_image'],
};

const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const WMT_NAME = invert(WALMART_ATTRIBUTE_MAP);
const AMZ_NAME = invert(AMAZON_ATTRIBUTE_MAP);

function property(name: string): Record<string, unknown> {
  if (name === 'productName') return { type: 'string', title: 'Product Name', minLength: 1, maxLength: 150 };
  if (name === 'item_name') return { type: 'array', items: { type: 'object', properties: { value: { type: 'string', maxLength: 200 } } } };
  if (name === 'keyFeatures') return { type: 'array', items: { type: 'string', maxLength: 10000 }, minItems: 3 };
  if (name === 'coffeeRoast') return { type: 'string', enum: ['light', 'medium', 'medium_dark', 'dark'] };
  if (name === 'countryOfOriginSubstantialTransformation') return { type: 'string', title: 'Country of Origin - Substantial Transformation', maxLength: 4000 };
  return { type: 'string', title: name };
}

/** One product type's part of the Walmart item spec. */
export function walmartTypeSchema(productType: string, version: string): Record<string, unknown> | null {
  const required = WALMART_REQUIRED[productType];
  if (!required) return null;
  const names = required.map((c) => WMT_NAME[c]!).concat(version === WALMART_NEW_VERSION ? ['countryOfOriginSubstantialTransformation'] : []);
  const props = Object.fromEntries([...names, 'msrp', 'isPrimaryVariant', 'variantGroupId', ...(version === WALMART_NEW_VERSION ? [] : ['countryOfOriginSubstantialTransformation'])].map((n) => [n, property(n)]));
  return {
    title: productType,
    type: 'object',
    properties: props,
    required: names,
    // Walmart states conditional requirements as draft-07 if/then inside allOf.
    allOf: [{ if: { properties: { isPrimaryVariant: { const: 'Yes' } }, required: ['isPrimaryVariant'] }, then: { required: ['variantGroupId'] } }],
  };
}

/**
 * Walmart's item spec is versioned as a whole (one version for every product type, feed type MP_ITEM); the answer
 * holds the requested product types under `MPItem.items.Visible.<product type>`, as the real spec does.
 */
export function walmartSpec(productTypes: string[], version: string): { version: string; schema: Record<string, unknown> } {
  const visible = Object.fromEntries(productTypes.flatMap((t) => {
    const s = walmartTypeSchema(t, version);
    return s ? [[t, s]] : [];
  }));
  return {
    version,
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: `Walmart MP_ITEM ${version}`,
      type: 'object',
      properties: { MPItem: { type: 'array', items: { type: 'object', properties: { Visible: { type: 'object', properties: visible } } } } },
    },
  };
}

export function amazonSchema(productType: string): Record<string, unknown> | null {
  const required = AMAZON_REQUIRED[productType];
  if (!required) return null;
  const names = required.map((c) => AMZ_NAME[c]!);
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/${productType}`,
    type: 'object',
    properties: Object.fromEntries([...names, 'country_of_origin'].map((n) => [n, property(n)])),
    required: names,
  };
}

export const walmartProductTypes = () => Object.keys(WALMART_REQUIRED);
export const amazonProductTypes = () => Object.keys(AMAZON_REQUIRED);
