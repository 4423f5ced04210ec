/**
 * Entry of the "DR posture" hub (Pipelines hub group): connects to the host, builds the data layer over
 * the Build and Core REST clients, and renders `HubPage`.
 */
import 'azure-devops-ui/Core/override.css';
import '../common/hub.css';
import * as React from 'react';
import { getClient, type ILocationService, type IProjectPageService } from 'azure-devops-extension-api';
import { BuildRestClient } from 'azure-devops-extension-api/Build';
import { CoreRestClient } from 'azure-devops-extension-api/Core';
import { IndexedDbTextStore } from '../common/data/cache';
import { PostureLoader } from '../common/data/load';
import { RestPostureApi } from '../common/data/rest';
import { startExtension } from '../common/sdk';
import { HubPage } from './HubPage';

// String ids: CommonServiceIds is an ambient const enum (see the conventions, pitfall 6).
const PROJECT_PAGE_SERVICE = 'ms.vss-tfs-web.tfs-page-data-service';
const LOCATION_SERVICE = 'ms.vss-features.location-service';

void startExtension('DR posture hub', async ({ host, getService }) => {
  const [pageService, locations] = await Promise.all([getService<IProjectPageService>(PROJECT_PAGE_SERVICE), getService<ILocationService>(LOCATION_SERVICE)]);
  const project = await pageService.getProject();
  if (!project) throw new Error('this page has no project; open the hub from a project\'s Pipelines');
  const collectionUrl = await locations.getServiceLocation().catch(() => null);
  const api = new RestPostureApi(getClient(BuildRestClient), getClient(CoreRestClient), collectionUrl);
  const loader = new PostureLoader(api, { scope: host.id, textStore: new IndexedDbTextStore() });
  return <HubPage project={{ id: project.id, name: project.name }} loader={loader} listProjects={() => api.listProjects()} />;
});
