/**
 * The "DR posture" build results tab: the posture one DrCheck@1 run attached, per subscription,
 * with drill-down to its resources.
 */
import 'azure-devops-ui/Core/override.css';
import '../common/hub.css';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import { getClient } from 'azure-devops-extension-api';
import { BuildRestClient } from 'azure-devops-extension-api/Build';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner } from 'azure-devops-ui/Spinner';
import { mergeBySubscription, type SubscriptionRow } from '../../../shared/report/merge';
import type { PostureReport } from '../../../shared/report/types';
import { describe, postureOf, type BuildLike, type BuildsApi } from '../common/data';
import { ResourcesTable, SubscriptionsTable } from '../common/views';

function BuildTab(props: { load: () => Promise<{ report: PostureReport; build: BuildLike } | string> }) {
  const [state, setState] = React.useState<{ report: PostureReport; build: BuildLike } | string | null>(null);
  const [open, setOpen] = React.useState<SubscriptionRow | null>(null);
  React.useEffect(() => {
    props.load().then(setState, (e) => setState(describe(e)));
  }, []);
  if (state === null) return <Spinner label="Reading this run's DR posture…" />;
  if (typeof state === 'string') return <MessageCard severity={MessageCardSeverity.Warning} className="drcheck-error">{state}</MessageCard>;
  const rows = mergeBySubscription([{ pipeline: state.build.definition?.name ?? '', definitionId: state.build.definition?.id ?? 0, buildId: state.build.id ?? 0, buildNumber: state.build.buildNumber ?? '', finishTime: null, buildUrl: '', report: state.report }]);
  const t = state.report.totals;
  return (
    <div className="flex-column rhythm-vertical-16 drcheck-buildtab">
      <Header title="DR posture" titleSize={TitleSize.Medium} description={`Strategy ${state.report.strategy} · ${t.resources} resources · ${t.pass} pass · ${t.fail} fail · ${t.unknown} unknown · ${t.suppressed} suppressed`} />
      {open ? (
        <>
          <Header title={`${open.landingZone ?? 'Unmapped'} · ${open.subscription ?? ''}`} titleSize={TitleSize.Small} backButtonProps={{ onClick: () => setOpen(null), ariaLabel: 'Back' }} />
          <ResourcesTable items={open.items} repositoryUrl={state.report.run?.repositoryUrl} />
        </>
      ) : (
        <SubscriptionsTable rows={rows} onOpen={setOpen} />
      )}
    </div>
  );
}

async function main() {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  const api = getClient(BuildRestClient) as unknown as BuildsApi;
  const load = async () => {
    const page = await SDK.getService<{ getBuildPageData(): Promise<{ build?: BuildLike & { project?: { name?: string } } } | undefined> }>('ms.vss-build-web.build-page-data-service');
    const data = await page.getBuildPageData();
    const build = data?.build;
    if (!build?.id) return 'No build is shown on this page.';
    const report = await postureOf(api, build.project?.name ?? '', build);
    return typeof report === 'string' ? report : { report, build };
  };
  ReactDOM.render(<BuildTab load={load} />, document.getElementById('root'));
  SDK.notifyLoadSucceeded();
}

main();
