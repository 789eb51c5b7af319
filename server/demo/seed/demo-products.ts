/**
 * The 30 Copper Kettle products of DOMAIN.md §4.3 (GTIN-12 with valid GS1 check digits, except #20) with their
 * planted defects, and Bluewater's 3. Copy is built from a few templates so every clean product passes every
 * text rule, and each defect is exactly the one the table names.
 */
import { gtinCheckDigit } from '../../../shared/catalog/gtin.ts';

export interface DemoProduct {
  n: number;
  sku: string;
  gtin12: string;
  brand: string;
  category: string;
  values: Record<string, unknown>;
  /** Retailers listing it, with the listing status (all active unless named). */
  listings: Record<string, 'active' | 'pending'>;
}

type Kind = 'coffee' | 'hand_soap' | 'dog_treats';
interface Row {
  n: number;
  sku: string;
  title: string;
  form: string;
  /** coffee: flavor; soap: scent; dog: protein/flavor. */
  flavor: string;
  net: [string, 'OUNCE' | 'FLUID_OUNCE' | 'COUNT'];
  msrp: string | null;
  extra?: Record<string, unknown>;
  missing?: string[];
}

const t = (text: string) => ({ text });
const metric = (amount: string, unit: string) => ({ amount, unit });

const COFFEE: Row[] = [
  { n: 1, sku: 'LPC-GRD-HB-12', title: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz', form: 'ground', flavor: 'House Blend', net: ['12', 'OUNCE'], msrp: '11.99', extra: { roast_level: 'medium' } },
  { n: 2, sku: 'LPC-GRD-FR-10', title: 'Lantern Peak French Roast Ground Coffee, Dark Roast, 10 oz', form: 'ground', flavor: 'French Roast', net: ['10', 'OUNCE'], msrp: '10.99', extra: { roast_level: 'dark' }, missing: ['country_of_origin'] },
  { n: 3, sku: 'LPC-WB-COL-32', title: 'Lantern Peak Colombia Supremo Whole Bean Coffee, Medium Roast, 100% Arabica, Single Origin, Smooth Chocolate and Caramel Notes, Small Batch Roasted in USA, 2 lb Bag', form: 'whole_bean', flavor: 'Colombia Supremo', net: ['32', 'OUNCE'], msrp: '24.99', extra: { roast_level: 'medium', country_of_origin: 'Colombia' } },
  { n: 4, sku: 'LPC-WB-ETH-12', title: 'Lantern Peak Ethiopia Yirgacheffe Whole Bean Coffee, Light Roast, 12 oz', form: 'whole_bean', flavor: 'Ethiopia Yirgacheffe', net: ['12', 'OUNCE'], msrp: '14.99', extra: { roast_level: 'light', country_of_origin: 'Ethiopia' } },
  { n: 5, sku: 'LPC-GRD-DEC-12', title: 'Lantern Peak Decaf Swiss Water Process Ground Coffee, 12 oz', form: 'ground', flavor: 'Swiss Water Decaf', net: ['12', 'OUNCE'], msrp: '12.99', extra: { caffeine_content: 'decaffeinated' }, missing: ['roast_level'] },
  { n: 6, sku: 'LPC-POD-HB-24', title: 'Lantern Peak House Blend Single-Serve Coffee Pods, 24 Count', form: 'pods', flavor: 'House Blend', net: ['24', 'COUNT'], msrp: '16.99', extra: { roast_level: 'medium', bullets: { items: ['Compatible with most single-serve brewers', 'Medium roast, balanced and smooth'] } } },
  { n: 7, sku: 'LPC-POD-FR-24', title: 'Lantern Peak French Roast Single-Serve Coffee Pods, 24 Count', form: 'pods', flavor: 'French Roast', net: ['24', 'COUNT'], msrp: '16.99', extra: { roast_level: 'dark' } },
  { n: 8, sku: 'LPC-GRD-HAZ-12', title: 'Lantern Peak Hazelnut Coffee - BEST SELLER!! Free Shipping, 12 oz', form: 'ground', flavor: 'Hazelnut', net: ['12', 'OUNCE'], msrp: '11.99', extra: { roast_level: 'medium' } },
  { n: 9, sku: 'LPC-CB-CON-32', title: 'Lantern Peak Cold Brew Coffee Concentrate, 32 fl oz', form: 'liquid_concentrate', flavor: 'Original Cold Brew', net: ['32', 'FLUID_OUNCE'], msrp: '13.99', extra: { roast_level: 'medium_dark' }, missing: ['country_of_origin'] },
  { n: 10, sku: 'LPC-INS-HB-8', title: 'Lantern Peak House Blend Instant Coffee, 8 oz', form: 'instant', flavor: 'House Blend', net: ['8', 'OUNCE'], msrp: '9.99', extra: { roast_level: 'medium', description: t('RICH, SMOOTH INSTANT COFFEE MADE FROM 100% ARABICA BEANS, ROASTED IN SMALL BATCHES IN CHICAGO AND FREEZE-DRIED TO LOCK IN THE FLAVOR OF A FRESHLY BREWED CUP. STIR ONE TEASPOON INTO EIGHT OUNCES OF HOT WATER AND ENJOY IN SECONDS, AT HOME, AT THE OFFICE OR ON THE TRAIL. DISSOLVES COMPLETELY IN HOT OR COLD WATER, SO IT IS JUST AS GOOD OVER ICE ON A SUMMER AFTERNOON.') } },
];

const SOAP: Row[] = [
  { n: 11, sku: 'FW-HS-LAV-12', title: 'Fernwell Lavender & Chamomile Liquid Hand Soap, 12 fl oz', form: 'liquid', flavor: 'Lavender & Chamomile', net: ['12', 'FLUID_OUNCE'], msrp: '5.49' },
  { n: 12, sku: 'FW-HS-CIT-12', title: 'Fernwell Citrus & Basil Liquid Hand Soap, 12 fl oz', form: 'liquid', flavor: 'Citrus & Basil', net: ['12', 'FLUID_OUNCE'], msrp: '5.49', missing: ['scent'] },
  { n: 13, sku: 'FW-HS-UNS-12', title: 'Fernwell Unscented Liquid Hand Soap for Sensitive Skin, 12 fl oz', form: 'liquid', flavor: 'Unscented', net: ['12', 'FLUID_OUNCE'], msrp: '5.49', extra: { skin_type: 'sensitive' } },
  { n: 14, sku: 'FW-HS-EUC-12', title: 'Fernwell Eucalyptus Mint Liquid Hand Soap, 12 fl oz', form: 'liquid', flavor: 'Eucalyptus Mint', net: ['12', 'FLUID_OUNCE'], msrp: '5.49' },
  { n: 15, sku: 'FW-FOAM-LAV-10', title: 'Fernwell Lavender Foaming Hand Soap, 10 fl oz', form: 'foam', flavor: 'Lavender', net: ['10', 'FLUID_OUNCE'], msrp: '4.99' },
  { n: 16, sku: 'FW-FOAM-CIT-10', title: 'Fernwell Citrus Foaming Hand Soap, 10 fl oz', form: 'foam', flavor: 'Citrus', net: ['10', 'FLUID_OUNCE'], msrp: '4.99' },
  { n: 17, sku: 'FW-REF-LAV-34', title: 'Fernwell Lavender Liquid Hand Soap Refill, 34 fl oz', form: 'liquid', flavor: 'Lavender', net: ['34', 'FLUID_OUNCE'], msrp: '12.99' },
  { n: 18, sku: 'FW-REF-CIT-34', title: 'Fernwell Citrus & Basil Liquid Hand Soap Refill, 34 fl oz', form: 'liquid', flavor: 'Citrus & Basil', net: ['34', 'FLUID_OUNCE'], msrp: '12.99', missing: ['country_of_origin'] },
  { n: 19, sku: 'FW-HS-VAR-3PK', title: 'Fernwell Liquid Hand Soap Variety Pack, 12 fl oz, Pack of 3', form: 'liquid', flavor: 'Lavender, Citrus & Basil, Eucalyptus Mint', net: ['12', 'FLUID_OUNCE'], msrp: '14.99', missing: ['number_of_items'] },
  { n: 20, sku: 'FW-HS-OAT-12', title: 'Fernwell Oat Milk & Honey Liquid Hand Soap, 12 fl oz', form: 'liquid', flavor: 'Oat Milk & Honey', net: ['12', 'FLUID_OUNCE'], msrp: '5.49' },
];

const DOG: Row[] = [
  { n: 21, sku: 'TH-JRK-CHK-16', title: 'Trailhound Chicken Jerky Dog Treats, 16 oz', form: 'jerky', flavor: 'Chicken', net: ['16', 'OUNCE'], msrp: '16.99' },
  { n: 22, sku: 'TH-JRK-BEEF-16', title: 'Trailhound Beef Jerky Dog Treats, 16 oz', form: 'jerky', flavor: 'Beef', net: ['16', 'OUNCE'], msrp: '17.99', missing: ['country_of_origin'] },
  // Walmart rejected the feed for the missing MSRP (T1): the golden record lacks it too.
  { n: 23, sku: 'TH-BIS-PB-24', title: 'Trailhound Peanut Butter Dog Biscuits, 24 oz', form: 'biscuit', flavor: 'Peanut Butter', net: ['24', 'OUNCE'], msrp: null },
  { n: 24, sku: 'TH-DEN-MED-30', title: 'Trailhound Dental Chews for Medium Dogs, 30 Count', form: 'chew', flavor: 'Fresh Mint', net: ['30', 'COUNT'], msrp: '19.99', extra: { breed_size: 'medium' } },
  { n: 25, sku: 'TH-DEN-LRG-18', title: 'Trailhound Dental Chews for Large Dogs, 18 Count', form: 'chew', flavor: 'Fresh Mint', net: ['18', 'COUNT'], msrp: '19.99', extra: { breed_size: 'large' }, missing: ['country_of_origin'] },
  { n: 26, sku: 'TH-TRN-SAL-6', title: 'Trailhound Salmon Training Bites for Dogs, 6 oz', form: 'soft_chew', flavor: 'Salmon', net: ['6', 'OUNCE'], msrp: '6.99', missing: ['life_stage', 'target_species'] },
  { n: 27, sku: 'TH-TRN-CHK-6', title: 'Trailhound Chicken Training Bites for Dogs, Soft and Chewy Low Calorie Treats, Made in USA, Grain Free, Small and Large Breeds, Puppy and Adult, Resealable Bag, 6 oz', form: 'soft_chew', flavor: 'Chicken', net: ['6', 'OUNCE'], msrp: '6.99' },
  { n: 28, sku: 'TH-BUL-12-6', title: 'Trailhound 12-Inch Bully Sticks for Dogs, 6 Count', form: 'stick', flavor: 'Beef', net: ['6', 'COUNT'], msrp: '18.99', missing: ['country_of_origin'] },
  { n: 29, sku: 'TH-PUP-LAMB-8', title: 'Trailhound Puppy Lamb & Rice Soft Chews, 8 oz', form: 'soft_chew', flavor: 'Lamb & Rice', net: ['8', 'OUNCE'], msrp: '9.99', extra: { life_stage: 'puppy', breed_size: 'small' } },
  { n: 30, sku: 'TH-SP-PUMP-10', title: 'Trailhound Pumpkin & Sweet Potato Dog Chews, 10 oz', form: 'chew', flavor: 'Pumpkin & Sweet Potato', net: ['10', 'OUNCE'], msrp: '11.99', extra: { life_stage: 'all_life_stages' } },
];

const WALMART_EXCLUDED = new Set([4, 10, 13, 20, 26, 30]);
const TARGET = new Set([1, 2, 4, 6, 11, 12, 13, 16, 21, 22, 23, 24, 27, 29, 30]);
const UNIT_TYPE = { OUNCE: 'ounce', FLUID_OUNCE: 'fl_oz', COUNT: 'count' } as const;
const UNIT_LABEL = { OUNCE: 'oz', FLUID_OUNCE: 'fl oz', COUNT: 'count' } as const;

/** The fictional GS1 company prefix 0812345 plus the product number, with its check digit. */
export function demoGtin12(n: number): string {
  const body = `0812345${String(n).padStart(4, '0')}`;
  return body + gtinCheckDigit(body);
}

const COFFEE_NOTES: Record<string, string> = {
  light: 'bright citrus and floral notes',
  medium: 'notes of milk chocolate and toasted nuts',
  medium_dark: 'deep cocoa notes and a smooth, low-acid finish',
  dark: 'bold, smoky notes of dark chocolate',
};
const COFFEE_FORM: Record<string, string> = {
  ground: 'Ground for drip brewers, pour-over and French press',
  whole_bean: 'Whole beans stay fresh longer; grind just before brewing',
  pods: 'Compatible with most single-serve brewers',
  liquid_concentrate: 'Mix one part concentrate with two parts water or milk',
  instant: 'Dissolves in hot or cold water in seconds',
};

function coffee(r: Row): Record<string, unknown> {
  const roast = (r.extra?.roast_level as string | undefined) ?? 'medium';
  const notes = COFFEE_NOTES[roast]!;
  const origin = (r.extra?.country_of_origin as string | undefined) ?? 'Central and South America';
  const net = `${r.net[0]} ${UNIT_LABEL[r.net[1]]}`;
  return {
    bullets: { items: [`${r.flavor} with ${notes}`, `100% Arabica beans from ${origin}, roasted in small batches in Chicago`, COFFEE_FORM[r.form]!, 'Sealed with a one-way valve to lock in aroma and freshness', `${net} of coffee, enough for many mornings at home or at work`] },
    description: t(
      `Lantern Peak ${r.flavor} coffee brings ${notes} to your morning cup. We buy 100% Arabica beans from ${origin}, roast them in small batches in Chicago and pack them within hours, so every cup tastes as fresh as the first one. ${COFFEE_FORM[r.form]}. Enjoy it black or with milk, hot or over ice, at any time of the day.`,
    ),
    flavor: t(r.flavor),
    caffeine_content: { option: 'caffeinated' },
    ingredients: t(r.flavor === 'Hazelnut' ? 'Arabica coffee, natural and artificial flavors' : r.form === 'liquid_concentrate' ? 'Water, Arabica coffee' : '100% Arabica coffee'),
  };
}

const SOAP_FORM: Record<string, string> = {
  liquid: 'Pump bottle dispenses just the right amount for clean hands',
  foam: 'Rich foam from the first pump, so a little goes a long way',
};

function soap(r: Row): Record<string, unknown> {
  const unscented = r.flavor === 'Unscented';
  const scentLine = unscented ? 'Free of added fragrance and dyes, made for sensitive skin' : `${r.flavor} scent from plant-based essential oils`;
  const bullets = [scentLine, 'Gentle formula with aloe and glycerin that rinses clean without drying hands', SOAP_FORM[r.form]!, 'Dermatologist tested and free of parabens and phthalates', 'Made in USA in a bottle made from recycled plastic'];
  if (r.n === 14) bullets[1] = 'Antibacterial, eco-friendly formula with eucalyptus and peppermint oils™';
  return {
    bullets: { items: bullets },
    description: t(
      `${r.title.split(',')[0]} cleans hands gently with a plant-based formula of aloe, glycerin and ${unscented ? 'nothing added for scent' : `${r.flavor.toLowerCase()} oils`}. It lathers richly, rinses clean and leaves skin soft instead of tight or dry, even after frequent washing at the kitchen or bathroom sink. ${SOAP_FORM[r.form]}. Dermatologist tested and free of parabens and phthalates.`,
    ),
    scent: t(r.flavor),
    skin_type: { option: 'all' },
    ingredients: t(`Water, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Glycerin, Aloe Barbadensis Leaf Juice, ${unscented ? 'Citric Acid' : 'Fragrance, Essential Oils'}`),
  };
}

const DOG_FORM: Record<string, string> = {
  jerky: 'Slow-roasted jerky strips you can break into smaller pieces',
  biscuit: 'Crunchy biscuits help clean teeth as your dog chews',
  chew: 'Textured chew helps reduce plaque and tartar buildup',
  soft_chew: 'Soft, bite-sized pieces are ideal for training sessions',
  stick: 'Single-ingredient bully sticks for long-lasting chewing',
};

function dog(r: Row): Record<string, unknown> {
  const life = (r.extra?.life_stage as string | undefined) ?? 'adult';
  const size = (r.extra?.breed_size as string | undefined) ?? 'all';
  return {
    bullets: { items: [`Real ${r.flavor.toLowerCase()} is the first ingredient`, `Made for ${life === 'all_life_stages' ? 'dogs of every age' : `${life} dogs`} of ${size === 'all' ? 'all' : size} breeds`, DOG_FORM[r.form]!, 'No artificial colors, flavors or preservatives', `Made in USA and packed in a resealable bag`] },
    description: t(
      `${r.title.split(',')[0]} are made with real ${r.flavor.toLowerCase()} and simple ingredients you can read. ${DOG_FORM[r.form]}. Each treat is baked in small batches in our Minnesota kitchen, with no artificial colors, flavors or preservatives, so you can reward good behavior with confidence. Feed as a treat alongside a complete and balanced diet and always provide fresh water.`,
    ),
    flavor: t(r.flavor),
    target_species: { option: 'dog' },
    life_stage: { option: life },
    breed_size: { option: size },
    ingredients: t(r.form === 'biscuit' ? 'Whole Wheat Flour, Peanut Butter, Oats, Molasses, Mixed Tocopherols (preservative)' : `${r.flavor}, Vegetable Glycerin, Salt, Mixed Tocopherols (preservative)`),
  };
}

function build(kind: Kind, brand: string, r: Row): DemoProduct {
  const base: Record<string, unknown> = {
    title: t(r.title),
    net_content: metric(r.net[0], r.net[1]),
    unit_count: { n: Number(r.net[0]) },
    unit_count_type: { option: UNIT_TYPE[r.net[1]] },
    number_of_items: { n: 1 },
    item_form: { option: r.form },
    country_of_origin: t('USA'),
    main_image: { assetIds: [`img-${r.sku}-main`] },
    secondary_images: { assetIds: [`img-${r.sku}-2`, `img-${r.sku}-3`] },
    ...(r.msrp ? { msrp: { USD: r.msrp } } : {}),
    ...(kind === 'coffee' ? coffee(r) : kind === 'hand_soap' ? soap(r) : dog(r)),
  };
  for (const [k, v] of Object.entries(r.extra ?? {})) {
    base[k] = typeof v === 'string' ? (['roast_level', 'caffeine_content', 'life_stage', 'breed_size', 'skin_type'].includes(k) ? { option: v } : t(v)) : v;
  }
  for (const m of r.missing ?? []) delete base[m];
  const listings: DemoProduct['listings'] = { amazon_us: r.n === 20 ? 'pending' : 'active' };
  if (!WALMART_EXCLUDED.has(r.n)) listings.walmart_us = 'active';
  if (TARGET.has(r.n)) listings.target_plus = 'active';
  // #20's GTIN carries a wrong check digit on purpose (…209 where …207 is correct).
  const gtin12 = r.n === 20 ? '081234500209' : demoGtin12(r.n);
  return { n: r.n, sku: r.sku, gtin12, brand, category: kind, values: base, listings };
}

export const COPPER_KETTLE_PRODUCTS: DemoProduct[] = [
  ...COFFEE.map((r) => build('coffee', 'Lantern Peak', r)),
  ...SOAP.map((r) => build('hand_soap', 'Fernwell', r)),
  ...DOG.map((r) => build('dog_treats', 'Trailhound', r)),
];

function towel(n: number, sku: string, title: string, color: string, form: string, bullets: string[]): DemoProduct {
  const body = `0899999${String(n).padStart(4, '0')}`;
  return {
    n,
    sku,
    gtin12: body + gtinCheckDigit(body),
    brand: 'Bluewater',
    category: 'bath_towels',
    values: {
      title: t(title),
      bullets: { items: bullets },
      description: t(`${title.split(',')[0]} is woven from long-staple cotton for a soft hand and quick drying. It is prewashed for less shedding, keeps its color wash after wash and hangs neatly from a sewn-in loop.`),
      material: t('100% cotton'),
      color: t(color),
      item_form: { option: form },
      main_image: { assetIds: [`img-${sku}-main`] },
    },
    listings: { amazon_us: 'active' },
  };
}

/** Bluewater's 3 products; FW-HS-LAV-12 is a Copper Kettle SKU string too, on purpose (isolation). */
export const BLUEWATER_PRODUCTS: DemoProduct[] = [
  towel(1, 'BW-TWL-WHT', 'Bluewater Cotton Bath Towel, White, 30 x 56 in', 'White', 'woven', ['Soft, absorbent long-staple cotton', 'Prewashed for less shedding', 'Sewn-in loop for easy hanging', 'Machine washable, tumble dry low', 'Generous 30 x 56 inch size']),
  towel(2, 'BW-TWL-NVY', 'Bluewater Cotton Bath Towel, Navy, 30 x 56 in', 'Navy', 'woven', ['Soft, absorbent long-staple cotton', 'Colorfast navy dye']),
  towel(3, 'FW-HS-LAV-12', 'Bluewater Waffle Hand Towel, Sage, 16 x 30 in', 'Sage', 'waffle', ['Quick-drying waffle weave', 'Lightweight and absorbent', 'Sewn-in loop for easy hanging', 'Machine washable, tumble dry low', 'Sized for guest bathrooms']),
];

export function retailerItemId(retailer: string, n: number): string {
  if (retailer === 'amazon_us') return `B0CKDEMO${String(n).padStart(2, '0')}`;
  if (retailer === 'walmart_us') return String(5_000_100 + n * 37);
  return String(87_654_300 + n);
}
