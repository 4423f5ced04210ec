/**
 * A stand-in for the Azure DevOps portal page that hosts an extension frame. It frames the built hub (or
 * build tab) and answers the SDK's XDM handshake and service calls the way the portal does: context,
 * access token, theme variables (and `themeChanged` later), project, location and build page data.
 * Query: `page` (hub.html | build-tab.html), `rest` (REST origin), `theme` (light | dark), `build` (JSON).
 */
// The SDK's own XDM implementation, by file path (its package exports only ".").
import { channelManager } from '../../../node_modules/azure-devops-extension-sdk/esm/XDM.js';
import { DARK, LIGHT } from './themes';

const params = new URLSearchParams(location.search);
let dark = params.get('theme') === 'dark';
const rest = `${params.get('rest') ?? location.origin}/org/`;
const project = { id: 'b7a1c3d4-0000-4000-8000-00000000c0de', name: params.get('project') ?? 'Contoso' };
const w = window as unknown as Record<string, unknown>;
w.__calls = [] as string[];
const log = (s: string) => (w.__calls as string[]).push(s);

const paint = () => (document.body.style.background = dark ? 'rgb(30, 30, 30)' : '#ffffff');
paint();
const frame = document.createElement('iframe');
frame.title = 'extension';
frame.style.cssText = 'border:0;width:100%;height:100%;position:absolute;inset:0';
document.body.appendChild(frame);

const chan = channelManager.addChannel(frame.contentWindow!, location.origin);
const build = params.get('build') ? JSON.parse(params.get('build')!) : null;
if (build?.finishTime) build.finishTime = new Date(build.finishTime);

const services: Record<string, unknown> = {
  'ms.vss-tfs-web.tfs-page-data-service': { getProject: () => (log('getProject'), params.get('noProject') ? undefined : project) },
  'ms.vss-features.location-service': {
    getResourceAreaLocation: (id: string) => (log(`getResourceAreaLocation ${id}`), rest),
    getServiceLocation: () => (log('getServiceLocation'), rest),
    routeUrl: () => rest,
  },
  'ms.vss-build-web.build-page-data-service': { getBuildPageData: () => (log('getBuildPageData'), build ? { build: { ...build, project }, definition: build.definition } : undefined) },
};

chan.getObjectRegistry().register('DevOps.HostControl', {
  initialHandshake: (options: unknown) => {
    w.__handshake = options;
    return {
      contributionId: params.get('page')?.includes('build-tab') ? 'drcheck.drcheck.drcheck-build-tab' : 'drcheck.drcheck.drcheck-hub',
      initialConfig: {},
      themeData: dark ? DARK : LIGHT,
      context: {
        extension: { id: 'drcheck.drcheck', publisherId: 'drcheck', extensionId: 'drcheck', version: '1.0.0' },
        user: { id: 'u1', name: 'lead@contoso.example', displayName: 'Platform Lead', descriptor: 'aad.u1', imageUrl: '' },
        host: { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'contoso', serviceVersion: '1.0', type: 4, isHosted: true },
        pageContext: {
          webContext: { project, team: { id: 't1', name: 'Contoso Team' } },
          globalization: { culture: 'en-US', theme: dark ? 'ms.vss-web.vsts-theme-dark' : 'ms.vss-web.vsts-theme' },
        },
      },
    };
  },
  notifyLoadSucceeded: () => {
    w.__hubReady = true;
  },
  notifyLoadFailed: (e: unknown) => {
    w.__hubError = String(e);
  },
  getAccessToken: () => (log('getAccessToken'), { token: 'hub-test-token' }),
  getAppToken: () => ({ token: 'hub-app-token' }),
  resize: () => undefined,
});
chan.getObjectRegistry().register('DevOps.ServiceManager', { getService: (id: string) => (log(`getService ${id}`), services[id]) });

/** Switches the theme as the portal does when the user changes it: a `themeChanged` event into the frame. */
w.__setTheme = (name: string) => {
  dark = name === 'dark';
  paint();
  return chan.invokeRemoteMethod('dispatchEvent', 'DevOps.SdkClient', ['themeChanged', { detail: { data: dark ? DARK : LIGHT } }]);
};

frame.src = `/ext/${params.get('page') ?? 'hub.html'}`;
