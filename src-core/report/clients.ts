/** The per-client table in words, the same for the CLI, Markdown and HTML reports. */
import type { ReportClients } from './report';

type Row = ReportClients['rows'][number];

/** "trusted" / "refused", then the one reason it differs from the chosen client (or its own, for the chosen one). */
export function clientAnswer(row: Row, chosen: boolean): string {
  const answer = row.trusted ? 'trusted' : 'refused';
  if (row.differs) return `${answer} — ${row.differs}`;
  if (chosen && !row.trusted) return `${answer} — ${row.reason}`;
  return chosen ? answer : `${answer} (same as the chosen client)`;
}

/** One line per client: "curl / Python / Node (OpenSSL): refused — …". */
export function clientLines(clients: ReportClients): string[] {
  return clients.rows.map((row) => `${row.label}: ${clientAnswer(row, row.client === clients.chosen)}`);
}
