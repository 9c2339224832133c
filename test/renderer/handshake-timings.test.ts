/** The handshake's timings add up: the probe's own work around the steps is a row of its own. */
import { describe, expect, it } from 'vitest';
import { timingRows } from '../../src-renderer/src/format/handshake';

describe('handshake timings', () => {
  it('shows the rest as "Other", so the rows sum to the whole', () => {
    const rows = timingRows({ dnsMs: 4.04, connectMs: 1.26, tlsMs: 9.31, totalMs: 519.04 });
    expect(rows).toEqual([
      { label: 'DNS', ms: 4 },
      { label: 'TCP connect', ms: 1.3 },
      { label: 'TLS handshake', ms: 9.3 },
      { label: 'Other', ms: 504.4 },
      { label: 'In all', ms: 519 },
    ]);
    const parts = rows.slice(0, -1).reduce((sum, row) => sum + row.ms, 0);
    expect(Math.round(parts * 10) / 10).toBe(rows.at(-1)?.ms);
  });

  it('a STARTTLS step counts too, and no "Other" when nothing is left over', () => {
    expect(timingRows({ dnsMs: 1, connectMs: 2, starttlsMs: 3, tlsMs: 4, totalMs: 10 })).toEqual([
      { label: 'DNS', ms: 1 },
      { label: 'TCP connect', ms: 2 },
      { label: 'STARTTLS', ms: 3 },
      { label: 'TLS handshake', ms: 4 },
      { label: 'In all', ms: 10 },
    ]);
  });
});
