/**
 * `drcheck catalog`: documents the catalog, not a user's report, so the customer party is "Customer", and the
 * article's example customer, Contoso, is named once, with its SKUs shown as the article's example.
 */
import { strict as assert } from 'node:assert';
import { renderCatalog } from '../../tasks/DrCheckV1/src/publishers/catalog';

describe('Catalog publisher', () => {
  it('prints the neutral catalog in Markdown and explains once who Contoso is', () => {
    const md = renderCatalog('markdown');
    const lines = md.split('\n');
    assert.equal(lines.filter((l) => /Contoso/.test(l) && !l.startsWith('|')).length, 1, 'one explanation of the article\'s example customer');
    assert.match(md, /example customer, Contoso.*"Customer": your organisation.*set `organisation` in \.drcheck\.yml/);
    assert.match(md, /\| Contoso SKU \(the article's example\) \|/);
    const lake = lines.find((l) => l.startsWith('| **Storage account'))!;
    assert.match(lake, /\| Microsoft \| Customer \| LRS \|/);
    for (const row of lines.filter((l) => l.startsWith('| **'))) {
      const [, , , component, workload] = row.split(/(?<!\\)\|/).map((c) => c.trim());
      assert.doesNotMatch(`${component} ${workload}`, /Contoso/, row);
    }
  });

  it('prints the neutral catalog as JSON, with the same note', () => {
    const json = JSON.parse(renderCatalog('json')) as { note: string; services: Array<{ id: string; responsibility: { component: string; workload: string }; contosoSku: string }> };
    assert.match(json.note, /example customer, Contoso/);
    const lake = json.services.find((s) => s.id === 'storage-account')!;
    assert.deepEqual([lake.responsibility, lake.contosoSku], [{ component: 'Microsoft', workload: 'Customer' }, 'LRS']);
    assert.doesNotMatch(JSON.stringify(json.services.map((s) => s.responsibility)), /Contoso/);
  });

  it('says in JSON which services a second deployment in another region protects, and for which of their types', () => {
    type Entry = { id: string; secondaryRegionDeployment: boolean; secondaryRegionTypes?: string[] };
    const services = (JSON.parse(renderCatalog('json')) as { services: Entry[] }).services;
    const by = (id: string) => services.find((s) => s.id === id)!;
    assert.deepEqual([by('vpn-gateway').secondaryRegionDeployment, by('vpn-gateway').secondaryRegionTypes], [true, undefined]);
    // ExpressRoute: the gateways, not the circuits, whose second peering location is what counts.
    assert.deepEqual([by('expressroute').secondaryRegionDeployment, by('expressroute').secondaryRegionTypes], [true, ['Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/expressRouteGateways']]);
    assert.deepEqual([by('storage-account').secondaryRegionDeployment, by('storage-account').secondaryRegionTypes], [false, undefined]);
  });
});
