/** Renders the findings registry as markdown (docs/findings.md is this, checked by a test). */
import { findingDefinitions } from './findings';

export function findingsMarkdown(): string {
  const lines = [
    '# Findings',
    '',
    'Every check Certscope makes is reported as a finding with a stable code. This file is generated',
    'from `src-core/verify/findings.ts` (`npm run docs:findings`); a test fails when they differ.',
    '',
    '| code | severity | title |',
    '| --- | --- | --- |',
    ...Object.entries(findingDefinitions).map(
      ([code, definition]) => `| \`${code}\` | ${definition.severity} | ${definition.title} |`,
    ),
    '',
  ];
  for (const [code, definition] of Object.entries(findingDefinitions)) {
    lines.push(
      `## \`${code}\` — ${definition.title}`,
      '',
      `Severity: **${definition.severity}**.`,
      '',
      definition.explanation,
      '',
      `**Fix:** ${definition.fix}`,
      '',
      ...('reference' in definition ? [`**Source:** ${definition.reference}`, ''] : []),
    );
  }
  return lines.join('\n');
}
