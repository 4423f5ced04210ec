/**
 * SARIF 2.1.0 for code-scanning viewers (the Azure DevOps SARIF SAST Scans tab, Advanced Security, GitHub):
 * one rule per rule id with help text and uplift links, one result per open or suppressed finding with its
 * source location, and read problems as tool execution notifications.
 */
import { entryById } from '../../../../shared/catalog';
import type { Finding } from '../../../../shared/model/posture';
import type { ResourceReport } from '../../../../shared/report/types';
import { escapeMarkdown } from './escape';
import type { Publisher } from './types';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (s: string) => s.replace(CONTROL, ' ');
/** Names are one line: every control character, line breaks included, becomes a space. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
/** A relative URI reference for a repository path (resolved against %SRCROOT%). */
const uri = (file: string) => file.split('/').map(encodeURIComponent).join('/');
/** SARIF lines and columns are 1-based; a position the reader could not give is left out rather than made up. */
const region = (line: number, column: number) => (line > 0 ? { region: { startLine: line, startColumn: Math.max(column, 1) } } : {});

function ruleFor(ruleId: string, sample: Finding, resource: ResourceReport) {
  const [serviceId, check] = ruleId.split('/');
  const entry = serviceId ? entryById(serviceId) : undefined;
  const title = entry ? `${entry.displayName}: ${check.replace(/-/g, ' ')}` : `Uncatalogued resource: ${check.replace(/-/g, ' ')}`;
  const uplift = sample.uplift;
  const caveats = entry?.caveats ?? [];
  // The report's words (the config's organisation for "Customer"); the name comes from the repository, so it is escaped.
  const who = sample.responsibility ?? entry?.responsibility;
  const helpText = [entry && who ? `Recovery responsibility: component ${clean(who.component)}; workload/configuration ${clean(who.workload)}.` : `Resource type ${resource.type} is not in the DR catalog.`, ...uplift.map((u) => `${u.title}: ${u.url}`), ...caveats].join('\n');
  const helpMarkdown = [
    entry && who
      ? `**Recovery responsibility**: component ${escapeMarkdown(who.component)}; workload/configuration ${escapeMarkdown(who.workload)}. Reference SKU (the article's Contoso example): ${escapeMarkdown(entry.contosoSku)}.`
      : `Resource type \`${resource.type}\` is not in the DR catalog.`,
    '',
    ...(uplift.length ? ['**DR uplift options**', '', ...uplift.map((u) => `- [${u.title}](${u.url})`), ''] : []),
    ...(caveats.length ? ['**Notes**', '', ...caveats.map((c) => `- ${c}`)] : []),
  ].join('\n');
  return {
    id: ruleId,
    name: ruleId.replace(/(^|[-/])([a-z])/g, (_m, _p, c: string) => c.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: check === 'redundancy' ? `Checks that ${entry?.displayName ?? 'the resource'} meets the redundancy the DR strategy requires.` : title },
    help: { text: helpText, markdown: helpMarkdown },
    ...(uplift[0] ? { helpUri: uplift[0].url } : entry?.docs ? { helpUri: entry.docs } : {}),
    defaultConfiguration: { level: sample.severity },
    properties: { tags: ['reliability', 'disaster-recovery', ...(entry ? [entry.id] : [])] },
  };
}

export const publishSarif: Publisher = (report) => {
  const rules = new Map<string, ReturnType<typeof ruleFor>>();
  const results: unknown[] = [];
  for (const r of report.resources) {
    for (const f of r.findings) {
      if (!rules.has(f.ruleId)) rules.set(f.ruleId, ruleFor(f.ruleId, f, r));
      results.push({
        ruleId: f.ruleId,
        level: f.severity,
        message: { text: clean(f.message) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, ...region(r.line, r.column) },
            logicalLocations: [{ name: oneLine(r.name ?? r.address), fullyQualifiedName: oneLine(r.id), kind: 'resource' }],
          },
        ],
        // The module calls that lead to a module's resource: where a pull request changing its params shows it.
        ...(r.via?.length
          ? {
              relatedLocations: r.via.map((v, id) => ({
                id,
                physicalLocation: { artifactLocation: { uri: uri(v.file), uriBaseId: '%SRCROOT%' }, ...region(v.line, 1) },
                message: { text: 'module call that deploys it' },
              })),
            }
          : {}),
        partialFingerprints: { 'drcheckResource/v1': `${r.id}|${f.ruleId}` },
        ...(f.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: clean(f.suppressed.justification) }] } : {}),
        properties: { resourceType: r.type, redundancy: r.redundancy, required: r.required, status: r.status, subscription: r.subscription, landingZone: r.landingZone, stateful: r.stateful },
      });
    }
  }
  const ruleList = [...rules.values()];
  const index = new Map(ruleList.map((rule, i) => [rule.id, i]));
  for (const res of results as Array<{ ruleId: string; ruleIndex?: number }>) res.ruleIndex = index.get(res.ruleId);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'drcheck', semanticVersion: report.tool.version, version: report.tool.version, informationUri: 'https://learn.microsoft.com/azure/architecture/data-guide/disaster-recovery/dr-for-azure-data-platform-overview', rules: ruleList } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned repository' } } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: e.severity,
              message: { text: clean(e.message) },
              locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: '%SRCROOT%' }, ...region(e.line, e.column) } }],
            })),
          },
        ],
        results,
        properties: { strategy: report.strategy, totals: report.totals },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};
