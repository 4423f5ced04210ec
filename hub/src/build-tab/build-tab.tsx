/**
 * Entry of the "DR posture" build results tab (shown only on builds that ran DrCheck@1): reads the build
 * from the host's build page data service and renders `BuildTabPage`.
 */
import 'azure-devops-ui/Core/override.css';
import '../common/hub.css';
import * as React from 'react';
import { getClient, type ILocationService, type IProjectPageService } from 'azure-devops-extension-api';
import { BuildRestClient, type Build, type IBuildPageDataService } from 'azure-devops-extension-api/Build';
import { CoreRestClient } from 'azure-devops-extension-api/Core';
import { PostureLoader } from '../common/data/load';
import { RestPostureApi, toBuildInfo } from '../common/data/rest';
import { startExtension } from '../common/sdk';
import { BuildTabPage } from './BuildTabPage';

const PROJECT_PAGE_SERVICE = 'ms.vss-tfs-web.tfs-page-data-service';
const LOCATION_SERVICE = 'ms.vss-features.location-service';
const BUILD_PAGE_DATA_SERVICE = 'ms.vss-build-web.build-page-data-service';

void startExtension('DR posture tab', async ({ host, getService }) => {
  const [pageService, locations, buildPage] = await Promise.all([
    getService<IProjectPageService>(PROJECT_PAGE_SERVICE),
    getService<ILocationService>(LOCATION_SERVICE),
    getService<IBuildPageDataService>(BUILD_PAGE_DATA_SERVICE),
  ]);
  const [project, data] = await Promise.all([pageService.getProject(), buildPage.getBuildPageData()]);
  const build = data?.build as Build | undefined;
  if (!project || !build?.id) throw new Error('this page shows no build');
  const collectionUrl = await locations.getServiceLocation().catch(() => null);
  const api = new RestPostureApi(getClient(BuildRestClient), getClient(CoreRestClient), collectionUrl);
  const loader = new PostureLoader(api, { scope: host.id });
  const ref = { id: project.id, name: project.name };
  return <BuildTabPage build={toBuildInfo(build, ref, collectionUrl)} loader={loader} />;
});
