/**
 * How long asset validation's measuring takes per image size (decode, border whiteness, fill, dHash) and how long
 * the rule evaluation for three retailers takes on top. Prints JSON: `node --import tsx bench/assets.ts`.
 */
import { DEFAULT_IMAGE_RULES } from '../server/services/assets/default-rules.ts';
import { measureImage } from '../server/services/assets/measure.ts';
import { evaluateImageRules } from '../server/services/assets/rules.ts';
import { fixture, type FixtureName } from '../server/services/assets/testing/fixtures.ts';

const NAMES: FixtureName[] = ['small_800.jpg', 'ok_2000.jpg', 'cmyk.jpg', 'low_fill.png', 'big_6mb.png', 'animated.gif', 'product.bmp'];
const RUNS = Number(process.env.RUNS ?? 5);

const results = [];
for (const name of NAMES) {
  const bytes = await fixture(name);
  await measureImage(bytes); // warm-up
  const times: number[] = [];
  let evalMs = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const m = await measureImage(bytes);
    const t1 = performance.now();
    for (const r of Object.values(DEFAULT_IMAGE_RULES)) evaluateImageRules(r.rules, m, 'main');
    evalMs += performance.now() - t1;
    times.push(t1 - t0);
  }
  times.sort((a, b) => a - b);
  results.push({ fixture: name, bytes: bytes.length, measureMsMedian: Math.round(times[Math.floor(times.length / 2)]!), measureMsMax: Math.round(times.at(-1)!), evaluateMsMean: Math.round((evalMs / RUNS) * 1000) / 1000 });
}
console.log(JSON.stringify({ bench: 'assets', runs: RUNS, results }, null, 2));
