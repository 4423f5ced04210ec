/**
 * A stand-in for the Azure DevOps portal page that hosts an extension: it frames the built hub and answers
 * the SDK's XDM handshake and service calls the way the portal does (context, access token, theme, services).
 */
// The SDK's own XDM implementation, by file path (its package exports only ".").
import { channelManager } from '../../../node_modules/azure-devops-extension-sdk/esm/XDM.js';

const params = new URLSearchParams(location.search);
const dark = params.get('theme') === 'dark';
const themeData = dark
  ? { 'background-color': 'rgba(32, 31, 30, 1)', 'text-primary-color': 'rgba(255, 255, 255, .87)', 'palette-neutral-0': '32, 31, 30', 'palette-neutral-2': '41, 40, 39', 'palette-neutral-4': '50, 49, 48', 'palette-neutral-100': '255, 255, 255', 'communication-background': '0, 120, 212', 'callout-background-color': 'rgba(37, 36, 35, 1)' }
  : { 'background-color': 'rgba(255, 255, 255, 1)', 'text-primary-color': 'rgba(0, 0, 0, .9)', 'palette-neutral-0': '255, 255, 255', 'palette-neutral-4': '244, 244, 244', 'palette-neutral-100': '0, 0, 0', 'communication-background': '0, 120, 212' };
document.body.style.background = dark ? '#201f1e' : '#ffffff';

const frame = document.createElement('iframe');
frame.style.cssText = 'border:0;width:100%;height:100%;position:absolute;inset:0';
document.body.appendChild(frame);

const chan = channelManager.addChannel(frame.contentWindow!, location.origin);
const root = `${location.origin}/org/`;
const services: Record<string, unknown> = {
  'ms.vss-tfs-web.tfs-page-data-service': { getProject: () => ({ id: 'project-id', name: 'Contoso' }) },
  'ms.vss-features.location-service': { getResourceAreaLocation: () => root, getServiceLocation: () => root, routeUrl: () => root },
  'ms.vss-build-web.build-page-data-service': { getBuildPageData: () => ({ build: { id: Number(params.get('buildId') ?? 0), buildNumber: params.get('buildNumber') ?? '', project: { name: 'Contoso' }, definition: { id: 1, name: 'platform-main' } } }) },
};
const w = window as unknown as Record<string, unknown>;
chan.getObjectRegistry().register('DevOps.HostControl', {
  initialHandshake: () => ({
    contributionId: 'drcheck.drcheck.drcheck-hub',
    initialConfig: {},
    themeData,
    context: {
      extension: { id: 'drcheck.drcheck', publisherId: 'drcheck', extensionId: 'drcheck', version: '1.0.0' },
      user: { id: 'u1', name: 'lead@contoso.example', displayName: 'Platform Lead', descriptor: 'aad.u1', imageUrl: '' },
      host: { id: 'h1', name: 'contoso', serviceVersion: '1.0', type: 4, isHosted: true },
      pageContext: { webContext: { project: { id: 'project-id', name: 'Contoso' }, team: { id: 't1', name: 'Contoso Team' } }, globalization: { culture: 'en-US', theme: dark ? 'ms.vss-web.vsts-theme-dark' : 'ms.vss-web.vsts-theme' } },
    },
  }),
  notifyLoadSucceeded: () => {
    w.__hubReady = true;
  },
  notifyLoadFailed: (e: unknown) => {
    w.__hubError = String(e);
  },
  getAccessToken: () => ({ token: 'hub-test-token' }),
  getAppToken: () => ({ token: 'hub-app-token' }),
  resize: () => undefined,
});
chan.getObjectRegistry().register('DevOps.ServiceManager', { getService: (id: string) => services[id] });
frame.src = params.get('page') ?? '/ext/hub.html';
