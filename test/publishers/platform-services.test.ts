/**
 * The "Platform services" section of the Markdown summary and the terminal table lists the catalog's services whose
 * resilience is the Azure service's own, on every report. Some of them may be resources of the scan (a DDoS
 * protection plan, a Cognitive Services account): the section must not say they have no IaC resource.
 */
import { strict as assert } from 'node:assert';
import { publishMarkdown } from '../../tasks/DrCheckV1/src/publishers/markdown';
import { publishTable } from '../../tasks/DrCheckV1/src/publishers/table';
import { scanFiles } from './helpers';

const BICEP = `resource ddos 'Microsoft.Network/ddosProtectionPlans@2024-05-01' = {
  name: 'ddos-ctso'
  location: 'westeurope'
}
resource cog 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'cog-ctso'
  location: 'westeurope'
  kind: 'TextAnalytics'
  sku: { name: 'S' }
  properties: {}
}
`;

describe('Platform services section', function () {
  this.timeout(30000);

  it('says resilience is part of the Azure service and who recovers it, not that there is no IaC resource, when the scan declares some of them', async () => {
    const report = await scanFiles({ 'infra/main.bicep': BICEP });
    // The situation: both services are resources of this scan and listed as platform services.
    assert.deepEqual(report.resources.map((r) => r.service).sort(), ['cognitive-services', 'ddos-protection']);
    const listed = report.platformServices.map((p) => p.displayName);
    assert.ok(listed.includes('Azure DDoS Protection') && listed.some((n) => /Cognitive Services/.test(n)), listed.join(', '));

    const md = publishMarkdown(report);
    const section = md.split('## Platform services\n\n')[1].split('\n\n');
    assert.equal(section[0], 'Services whose resilience is built into Azure, with who recovers each; listed on every report, whether or not the scanned code declares them.');
    assert.match(section[1], /Azure DDoS Protection \(Microsoft\)/);

    const table = publishTable(report, { width: 200 });
    const heading = table.split('\n').find((l) => l.startsWith('Platform services'))!;
    assert.equal(heading, 'Platform services (resilience built into Azure, with who recovers each; listed whether or not the scan declares them)');
    for (const text of [md, table]) assert.doesNotMatch(text, /no IaC resource/i);
  });
});
