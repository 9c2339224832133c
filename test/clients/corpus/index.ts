/** The corpus: every x509-limbo case, every Lab scenario and every generated variant. */
import type { ScenarioName } from '../../../src-main/services/lab';
import type { CaseSource, ClientCase } from '../case';
import { labCases } from './lab';
import { limboCases } from './limbo';
import { variantCases } from './variants';

export interface CorpusOptions {
  /** Which sources (default all three). */
  sources?: readonly CaseSource[];
  /** Only these Lab scenarios (default all). */
  lab?: readonly ScenarioName[];
  /** Only these variants, by name (default all). */
  variants?: readonly string[];
  /** Only these x509-limbo ids, without the `limbo:` prefix (default all). */
  limbo?: readonly string[];
}

export async function buildCorpus(options: CorpusOptions = {}): Promise<ClientCase[]> {
  const sources = options.sources ?? ['limbo', 'lab', 'variant'];
  const cases: ClientCase[] = [];
  if (sources.includes('limbo')) {
    const all = limboCases();
    const wanted = options.limbo;
    const chosen = wanted
      ? all.filter((testCase) => wanted.includes(testCase.id.slice('limbo:'.length)))
      : all;
    if (wanted && chosen.length !== wanted.length)
      throw new Error(`unknown x509-limbo ids among: ${wanted.join(', ')}`);
    cases.push(...chosen);
  }
  if (sources.includes('lab')) cases.push(...(await labCases(options.lab)));
  if (sources.includes('variant')) cases.push(...(await variantCases(options.variants)));
  return cases;
}
