/**
 * `drcheck catalog`: the DR catalog as Markdown (for people) or JSON (for tools).
 */
import { CATALOG } from '../../../../shared/catalog';
import type { CatalogEntry } from '../../../../shared/catalog/types';
import { escapeMarkdown } from './escape';

const SECTION_TITLES: Record<CatalogEntry['section'], string> = {
  'stateful-foundational': 'Stateful foundational components',
  'stateless-foundational': 'Stateless foundational components',
  'stateful-data-platform': 'Stateful data-platform services',
  'stateless-data-platform': 'Stateless data-platform services',
  'other-key-services': 'Other key services',
  'stateful-vs-stateless-examples': 'Stateful vs stateless examples',
  'foundations-note': 'Foundation notes',
};

function toJson(entry: CatalogEntry) {
  return {
    id: entry.id,
    displayName: entry.displayName,
    section: entry.section,
    stateful: entry.stateful,
    armTypes: entry.armTypes,
    terraformTypes: entry.terraformTypes,
    responsibility: entry.responsibility,
    contosoSku: entry.contosoSku,
    uplift: entry.uplift,
    caveats: entry.caveats,
    ...(entry.docs ? { docs: entry.docs } : {}),
    ruleTypes: entry.rule?.appliesTo ?? [],
    ...(entry.defaultRedundancy ? { defaultRedundancy: entry.defaultRedundancy } : {}),
    secondaryRegionDeployment: !!entry.secondaryRegionDeployment,
    ...(Array.isArray(entry.secondaryRegionDeployment) ? { secondaryRegionTypes: entry.secondaryRegionDeployment } : {}),
  };
}

/**
 * The catalog documents the article, not a user's report: the article's example customer, Contoso, is "Customer"
 * (reports name the config's `organisation` instead), and Contoso's SKU choices are shown as the article's example.
 */
const NOTE =
  'The article illustrates its guidance with an example customer, Contoso. Here the customer party is "Customer": your organisation ' +
  '(set `organisation` in .drcheck.yml and reports name it, e.g. "Microsoft / Fabrikam"). "Contoso SKU" is the SKU the article\'s Contoso ' +
  'example chose, a reference point rather than your SKU or a recommendation.';

export function renderCatalog(format: 'json' | 'markdown'): string {
  if (format === 'json') return `${JSON.stringify({ note: NOTE, services: CATALOG.map(toJson) }, null, 2)}\n`;
  const out: string[] = ['# drcheck DR catalog', '', `${CATALOG.length} services from *DR for Azure Data Platform* (Azure Architecture Center).`, '', NOTE, ''];
  for (const [section, title] of Object.entries(SECTION_TITLES)) {
    const entries = CATALOG.filter((e) => e.section === section);
    if (!entries.length) continue;
    out.push(`## ${title}`, '');
    out.push('| Service | Stateful | Component recovery | Workload/config recovery | Contoso SKU (the article\'s example) | DR uplift options |');
    out.push('|---|---|---|---|---|---|');
    for (const e of entries) {
      const uplift = e.uplift.length ? e.uplift.map((u) => `[${escapeMarkdown(u.title)}](${u.url})`).join('<br>') : 'N/A';
      out.push(`| **${escapeMarkdown(e.displayName)}**<br>\`${e.id}\` | ${e.stateful ? 'yes' : 'no'} | ${escapeMarkdown(e.responsibility.component)} | ${escapeMarkdown(e.responsibility.workload)} | ${escapeMarkdown(e.contosoSku)} | ${uplift} |`);
    }
    out.push('');
    for (const e of entries) {
      if (!e.caveats.length && !e.armTypes.length) continue;
      out.push(`### ${escapeMarkdown(e.displayName)}`, '');
      if (e.armTypes.length) out.push(`- ARM: ${e.armTypes.map((t) => `\`${t}\``).join(', ')}`);
      if (e.terraformTypes.length) out.push(`- Terraform: ${e.terraformTypes.map((t) => `\`${t}\``).join(', ')}`);
      for (const c of e.caveats) out.push(`- ${escapeMarkdown(c)}`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}
