/**
 * The "DR posture" hub (Pipelines hub group): the organisation's posture per landing-zone subscription,
 * from the latest DrCheck@1 run of every pipeline, with drill-down, filters and the trend.
 */
import 'azure-devops-ui/Core/override.css';
import '../common/hub.css';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import { getClient } from 'azure-devops-extension-api';
import { BuildRestClient } from 'azure-devops-extension-api/Build';
import { CoreRestClient } from 'azure-devops-extension-api/Core';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Page } from 'azure-devops-ui/Page';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField } from 'azure-devops-ui/TextField';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { Toggle } from 'azure-devops-ui/Toggle';
import type { IListBoxItem } from 'azure-devops-ui/ListBox';
import { mergeBySubscription, trendPoints, type SubscriptionRow } from '../../../shared/report/merge';
import { defaultBranch, describe, loadRuns, type BuildsApi, type LoadedRuns } from '../common/data';
import { ResourcesTable, SubscriptionsTable, TrendChart, ZeroState } from '../common/views';

interface Filters {
  keyword: string;
  landingZone: string;
  status: string;
  responsibility: string;
}

const ALL = '(all)';

function Hub(props: { project: string; loadProjects: () => Promise<string[]>; api: BuildsApi }) {
  const [data, setData] = React.useState<LoadedRuns | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [allProjects, setAllProjects] = React.useState(false);
  const [branch, setBranch] = React.useState<string | undefined>(undefined);
  const [tab, setTab] = React.useState('subscriptions');
  const [open, setOpen] = React.useState<SubscriptionRow | null>(null);
  const [filters, setFilters] = React.useState<Filters>({ keyword: '', landingZone: ALL, status: ALL, responsibility: ALL });

  React.useEffect(() => {
    let cancelled = false;
    setData(null);
    setError(null);
    (async () => {
      try {
        const projects = allProjects ? await props.loadProjects() : [props.project];
        const loaded = await loadRuns(props.api, projects);
        if (cancelled) return;
        setData(loaded);
        setBranch((b) => (b && loaded.branches.includes(b) ? b : defaultBranch(loaded.branches)));
      } catch (e) {
        if (!cancelled) setError(describe(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [allProjects]);

  const runs = React.useMemo(() => (data ? data.runs.filter((r) => r.branch === branch) : []), [data, branch]);
  const rows = React.useMemo(() => mergeBySubscription(runs), [runs]);
  const landingZones = React.useMemo(() => [...new Set(rows.map((r) => r.landingZone ?? 'Unmapped'))].sort(), [rows]);
  const keyword = filters.keyword.trim().toLowerCase();
  const matchesItem = React.useCallback(
    (it: SubscriptionRow['items'][number]) =>
      (filters.status === ALL || it.status === filters.status) &&
      (filters.responsibility === ALL || (it.responsibility?.component ?? '').includes(filters.responsibility) || (it.responsibility?.workload ?? '').includes(filters.responsibility)) &&
      (!keyword || (it.name ?? it.address).toLowerCase().includes(keyword) || (it.service ?? '').includes(keyword) || it.type.toLowerCase().includes(keyword)),
    [filters.status, filters.responsibility, keyword],
  );
  const visibleRows = React.useMemo(
    () =>
      rows.filter(
        (r) =>
          (filters.landingZone === ALL || (r.landingZone ?? 'Unmapped') === filters.landingZone) &&
          (!keyword || (r.landingZone ?? '').toLowerCase().includes(keyword) || (r.subscription ?? '').toLowerCase().includes(keyword) || r.items.some(matchesItem)) &&
          (filters.status === ALL && filters.responsibility === ALL ? true : r.items.some(matchesItem)),
      ),
    [rows, filters, keyword, matchesItem],
  );
  const trend = React.useMemo(() => trendPoints(runs.flatMap((r) => r.history)), [runs]);

  const dropdown = (label: string, value: string, options: string[], onChange: (v: string) => void, className: string) => {
    const items: IListBoxItem[] = [ALL, ...options].map((o) => ({ id: o, text: o === ALL ? `${label}: all` : o }));
    return <Dropdown className={className} ariaLabel={label} items={items} placeholder={`${label}: all`} onSelect={(_e, item) => onChange(String(item.id))} />;
  };

  let body: React.ReactNode;
  if (error) body = <MessageCard severity={MessageCardSeverity.Error} className="drcheck-error">{`The DR posture could not be loaded: ${error}`}</MessageCard>;
  else if (!data) body = <Spinner size={SpinnerSize.large} label="Reading the DR posture of recent builds…" />;
  else if (!data.runs.length) body = <ZeroState />;
  else if (open) {
    const items = open.items.filter(matchesItem);
    body = (
      <div className="flex-column rhythm-vertical-16">
        <Header
          title={`${open.landingZone ?? 'Unmapped'} · ${open.subscription ?? 'no subscription'}`}
          titleSize={TitleSize.Medium}
          description={`${open.resources} resources · ${open.fail} failing · ${open.unknown} unknown · ${Math.round(open.meetingStrategy * 100)}% meet the strategy`}
          backButtonProps={{ onClick: () => setOpen(null), ariaLabel: 'Back to subscriptions' }}
        />
        <ResourcesTable items={items} repositoryUrl={runs.find((r) => r.report.run?.repositoryUrl)?.report.run?.repositoryUrl} />
      </div>
    );
  } else if (tab === 'trend') body = <TrendChart points={trend} />;
  else body = visibleRows.length ? <SubscriptionsTable rows={visibleRows} onOpen={setOpen} /> : <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nomatch">No subscription matches the filters.</MessageCard>;

  return (
    <Page className="drcheck-hub flex-grow">
      <Header title="DR posture" titleSize={TitleSize.Large} description={data ? `${rows.length} landing-zone subscription${rows.length === 1 ? "" : "s"} from ${runs.length} pipeline${runs.length === 1 ? "" : "s"}${branch ? ` on ${branch.replace('refs/heads/', '')}` : ''}` : undefined} />
      <TabBar selectedTabId={tab} onSelectedTabChanged={(t) => { setTab(t); setOpen(null); }} tabSize={TabSize.Tall}>
        <Tab id="subscriptions" name="Subscriptions" />
        <Tab id="trend" name="Trend" />
      </TabBar>
      <div className="page-content page-content-top flex-column rhythm-vertical-16">
        <div className="flex-row flex-wrap rhythm-horizontal-8 drcheck-filters">
          <TextField className="drcheck-keyword" value={filters.keyword} placeholder="Filter by name, subscription or service" onChange={(_e, v) => setFilters({ ...filters, keyword: v })} />
          {dropdown('Landing zone', filters.landingZone, landingZones, (v) => setFilters({ ...filters, landingZone: v }), 'drcheck-lz')}
          {dropdown('Status', filters.status, ['fail', 'unknown', 'suppressed', 'pass'], (v) => setFilters({ ...filters, status: v }), 'drcheck-statusfilter')}
          {dropdown('Recovered by', filters.responsibility, ['Microsoft', 'Contoso', 'Customer'], (v) => setFilters({ ...filters, responsibility: v }), 'drcheck-resp')}
          {data && data.branches.length > 1 ? dropdown('Branch', branch ?? '', data.branches, (v) => setBranch(v === ALL ? defaultBranch(data.branches) : v), 'drcheck-branch') : null}
          <Toggle className="drcheck-allprojects" text="All projects" checked={allProjects} onChange={(_e, v) => setAllProjects(v)} />
        </div>
        {data?.problems.length ? (
          <MessageCard severity={MessageCardSeverity.Warning} className="drcheck-problems">
            {`Some builds could not be read: ${data.problems.slice(0, 3).join('; ')}${data.problems.length > 3 ? ` and ${data.problems.length - 3} more` : ''}`}
          </MessageCard>
        ) : null}
        {body}
      </div>
    </Page>
  );
}

async function main() {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  try {
    const pageService = await SDK.getService<{ getProject(): Promise<{ id: string; name: string } | undefined> }>('ms.vss-tfs-web.tfs-page-data-service');
    const project = await pageService.getProject();
    const build = getClient(BuildRestClient) as unknown as BuildsApi;
    const core = getClient(CoreRestClient);
    const loadProjects = async () => (await core.getProjects()).map((p) => p.name);
    ReactDOM.render(<Hub project={project?.name ?? ''} api={build} loadProjects={loadProjects} />, document.getElementById('root'));
    SDK.notifyLoadSucceeded();
  } catch (e) {
    ReactDOM.render(<MessageCard severity={MessageCardSeverity.Error}>{`The DR posture hub could not start: ${describe(e)}`}</MessageCard>, document.getElementById('root'));
    SDK.notifyLoadFailed(String(e));
  }
}

main();
