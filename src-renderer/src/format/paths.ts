/** Words for the candidate paths of a verdict, each told apart from the others. */
import type { VerifyResult } from '../../../src-core/verify';
import { decodeForDisplay } from './certificates';

/**
 * One line per path: its verdict, then what it runs through from the top down ("via Root (public)
 * → Intermediate"), so two paths never read the same; where even the names agree (a re-issued
 * intermediate), the differing certificate's fingerprint start tells them apart.
 */
export function pathLabels(result: VerifyResult): string[] {
  const names = result.paths.map((path) =>
    path.certificates
      .slice(1)
      .reverse()
      .map((certificate) => {
        const name =
          decodeForDisplay(result.certificates[certificate.sha256])?.subjectDisplayName ??
          certificate.sha256.slice(0, 12);
        return certificate.stores?.length ? `${name} (${certificate.stores.join(', ')})` : name;
      }),
  );
  return result.paths.map((path, index) => {
    const verdict = path.trusted ? 'trusted' : path.anchored ? 'not trusted' : 'no trusted root';
    const via = names[index].length ? ` — via ${names[index].join(' → ')}` : ' — the leaf alone';
    const twin = names.some((other, at) => at !== index && other.join() === names[index].join());
    const tell = twin
      ? ` [${path.certificates
          .slice(1)
          .map((certificate) => certificate.sha256.slice(0, 8))
          .join(' ')}]`
      : '';
    return `${index + 1}: ${verdict}${via}${tell}`;
  });
}
