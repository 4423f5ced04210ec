/**
 * The "DR posture" hub: how each landing-zone subscription would fare in a regional disaster (latest
 * DrCheck@1 run of every pipeline, merged), what changed since the previous run, and what to do next;
 * with drill-down, filters, the trend, and where the data comes from (pipelines).
 */
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import type { IListBoxItem } from 'azure-devops-ui/ListBox';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Page } from 'azure-devops-ui/Page';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import { Toggle } from 'azure-devops-ui/Toggle';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { describeFailure, type ProjectRef } from '../common/data/api';
import { shortBranch, type BranchChoice, type LoadSnapshot, type PostureLoader, type TrendLoad } from '../common/data/load';
import { count, formatShortDate, plural } from '../common/format';
import { buildModel, facetsOf, filterItems, filterRows, hasResourceFilters, nextActions, totalsOf, type SubscriptionView } from '../common/model';
import { trendSeries } from '../common/trend';
import { PostureFilterBar, useFilters } from '../common/components/Filters';
import { PipelinesTable } from '../common/components/PipelinesTable';
import { SubscriptionDetail } from '../common/components/SubscriptionDetail';
import { SubscriptionsTable } from '../common/components/SubscriptionsTable';
import { Summary } from '../common/components/Summary';
import { MAX_SERIES, TrendChart } from '../common/components/TrendChart';
import { ZeroState } from '../common/components/ZeroState';

export interface HubProps {
  project: ProjectRef;
  loader: PostureLoader;
  listProjects: () => Promise<ProjectRef[]>;
}

type TabId = 'subscriptions' | 'trend' | 'pipelines';
const DEFAULT_BRANCH = '(default)';

function useLoad(props: HubProps, allProjects: boolean, branch: BranchChoice, generation: number) {
  const [snapshot, setSnapshot] = React.useState<LoadSnapshot | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  // Showing a progress snapshot rebuilds the view model and re-renders: a few hundred ms once tens of thousands
  // of resources are read. While reading, the next snapshot waits three times what the last one cost, so the
  // page never spends more than a quarter of its time catching up and the downloads are not starved. The final
  // snapshot shows at once.
  const cost = React.useRef({ shownAt: 0, ms: 0 });
  React.useEffect(() => {
    if (cost.current.shownAt) cost.current = { shownAt: 0, ms: performance.now() - cost.current.shownAt };
  }, [snapshot]);
  React.useEffect(() => {
    const cancel = { cancelled: false };
    let pending: LoadSnapshot | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastShown = 0;
    const show = (s: LoadSnapshot) => {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      if (cancel.cancelled) return;
      lastShown = performance.now();
      cost.current = { shownAt: lastShown, ms: cost.current.ms };
      setSnapshot(s);
    };
    const progress = (s: LoadSnapshot) => {
      pending = s;
      if (timer) return;
      timer = setTimeout(() => pending && show(pending), Math.max(0, lastShown + 3 * cost.current.ms - performance.now()));
    };
    setSnapshot(null);
    setError(null);
    (async () => {
      let projects = [props.project];
      if (allProjects) {
        try {
          projects = await props.listProjects();
        } catch (e) {
          if (!cancel.cancelled) setError(describeFailure(e, 'listing the projects of the organisation'));
          return;
        }
      }
      const done = await props.loader.load(projects, branch, (s) => !cancel.cancelled && progress(s), cancel);
      show(done);
    })().catch((e) => !cancel.cancelled && setError(describeFailure(e, 'reading the DR posture')));
    return () => {
      cancel.cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [allProjects, branch, generation]);
  return { snapshot, error };
}

export function HubPage(props: HubProps) {
  const [allProjects, setAllProjects] = React.useState(false);
  const [branch, setBranch] = React.useState<BranchChoice>({ kind: 'default' });
  const [generation, setGeneration] = React.useState(0);
  const [tab, setTab] = React.useState<TabId>('subscriptions');
  const [openKey, setOpenKey] = React.useState<string | null>(null);
  const [filter, filters] = useFilters();
  const { snapshot, error } = useLoad(props, allProjects, branch, generation);

  const pipelines = snapshot?.pipelines ?? [];
  const model = React.useMemo(() => buildModel(pipelines), [pipelines]);
  const comparing = model.comparing || (snapshot !== null && snapshot.phase !== 'done');
  const facets = React.useMemo(() => facetsOf(model.rows), [model]);
  const visible = React.useMemo(() => filterRows(model.rows, filters, model.changes), [model, filters]);
  const totals = React.useMemo(() => totalsOf(visible), [visible]);
  const actions = React.useMemo(() => nextActions(hasResourceFilters(filters) || filters.keyword ? visible.map((r) => ({ ...r, items: filterItems(r, filters, model.changes) })) : visible), [visible, filters, model]);
  const strategies = React.useMemo(() => [...new Set(pipelines.flatMap((p) => p.latest?.reports.map((r) => r.report.strategy) ?? []))].sort(), [pipelines]);
  const open = openKey ? model.rows.find((r) => r.key === openKey) ?? null : null;

  // Branches seen across loads, so the list does not shrink when one branch is picked.
  const [knownBranches, setKnownBranches] = React.useState<string[]>([]);
  React.useEffect(() => {
    if (snapshot?.branches.some((b) => !knownBranches.includes(b))) setKnownBranches((k) => [...new Set([...k, ...snapshot.branches])]);
  }, [snapshot]);

  const trend = useTrend(props.loader, snapshot, tab === 'trend');
  const scopeLabel = allProjects ? 'all projects' : props.project.name;
  const problems = pipelines.filter((p) => p.status === 'problem');
  const reading = pipelines.filter((p) => p.status === 'loading').length;

  const description = !snapshot
    ? `Finding the pipelines that ran DrCheck in ${scopeLabel}…`
    : [
        scopeLabel,
        branch.kind === 'default' ? 'default branch of each pipeline' : shortBranch(branch.name),
        plural(pipelines.filter((p) => p.status === 'ready').length, 'pipeline'),
        snapshot.phase === 'discovering' ? 'finding pipelines…' : reading ? `reading ${count(reading)} more…` : comparing ? 'comparing with previous runs…' : null,
      ]
        .filter(Boolean)
        .join(' · ');

  let body: React.ReactNode;
  const nothingYet = snapshot && snapshot.phase !== 'discovering' && pipelines.length === 0;
  if (error) {
    body = <ErrorCard text={error} onRetry={() => setGeneration((g) => g + 1)} />;
  } else if (!snapshot || (snapshot.phase === 'discovering' && !pipelines.length)) {
    body = <Spinner size={SpinnerSize.large} label="Reading the DR posture of recent builds…" className="drcheck-loading" />;
  } else if (nothingYet && !allProjects && snapshot.projectProblems.length) {
    // The one project could not be read (most often: no permission to view builds).
    body = <ErrorCard text={snapshot.projectProblems.map((p) => p.message).join(' ')} onRetry={() => setGeneration((g) => g + 1)} />;
  } else if (nothingYet && branch.kind === 'branch') {
    body = <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nomatch">{`No pipeline has run DrCheck on ${shortBranch(branch.name)}. Pick another branch.`}</MessageCard>;
  } else if (nothingYet) {
    body = (
      <>
        <ProjectProblems snapshot={snapshot} />
        <ZeroState scope={scopeLabel} />
      </>
    );
  } else if (tab === 'pipelines') {
    body = (
      <>
        <ProjectProblems snapshot={snapshot} />
        <PipelinesTable pipelines={pipelines} showProject={allProjects} />
      </>
    );
  } else {
    const notice = (
      <>
        <ProjectProblems snapshot={snapshot} />
        {problems.length ? (
          <MessageCard severity={MessageCardSeverity.Warning} className="drcheck-problems" buttonProps={[{ text: 'Show pipelines', onClick: () => setTab('pipelines') }]}>
            {`The posture of ${plural(problems.length, 'pipeline')} could not be read: ${problems
              .slice(0, 3)
              .map((p) => `${p.name}: ${p.problem}`)
              .join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`}
          </MessageCard>
        ) : null}
      </>
    );
    if (!model.rows.length && !reading) {
      body = (
        <>
          {notice}
          <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nothing-read">
            No pipeline's posture could be shown yet; see the Pipelines tab for why.
          </MessageCard>
        </>
      );
    } else if (tab === 'trend') {
      body = (
        <>
          {notice}
          <TrendView trend={trend} visible={visible} history={props.loader.history} />
        </>
      );
    } else if (open) {
      const items = filterItems(open, filters, model.changes);
      body = (
        <>
          {notice}
          <SubscriptionDetail row={open} items={items} filtered={items.length !== open.items.length} runs={model.runs} changes={model.changes} onBack={() => setOpenKey(null)} />
        </>
      );
    } else {
      body = (
        <>
          {notice}
          <Summary totals={totals} actions={actions} comparing={comparing} strategies={strategies} />
          {visible.length ? (
            <SubscriptionsTable rows={visible} onOpen={(r: SubscriptionView) => setOpenKey(r.key)} comparing={comparing} />
          ) : model.rows.length ? (
            <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nomatch">
              No subscription matches the filters.
            </MessageCard>
          ) : (
            <Spinner size={SpinnerSize.medium} label="Reading posture attachments…" />
          )}
        </>
      );
    }
  }

  const branchItems: IListBoxItem[] = React.useMemo(
    () => [{ id: DEFAULT_BRANCH, text: 'Default branch of each pipeline' }, ...knownBranches.map((b) => ({ id: b, text: shortBranch(b) }))],
    [knownBranches],
  );
  const branchSelection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const index = branch.kind === 'default' ? 0 : branchItems.findIndex((i) => i.id === branch.name);
    if (index >= 0) branchSelection.select(index);
  }, [branch, branchItems]);

  const showFilters = !error && snapshot && model.rows.length > 0 && tab !== 'pipelines';
  return (
    <Page className="drcheck-hub flex-grow">
      <Header
        title="DR posture"
        titleSize={TitleSize.Large}
        description={description}
        className="drcheck-header"
        commandBarItems={[
          {
            id: 'refresh',
            text: 'Refresh',
            iconProps: { iconName: 'Refresh' },
            important: true,
            onActivate: () => setGeneration((g) => g + 1),
          },
        ]}
      />
      <TabBar
        selectedTabId={tab}
        onSelectedTabChanged={(t) => {
          setTab(t as TabId);
          setOpenKey(null);
        }}
        tabSize={TabSize.Tall}
        className="drcheck-tabs"
        renderAdditionalContent={() => (
          <div className="flex-row flex-center drcheck-scope">
            <Dropdown
              className="drcheck-branch"
              ariaLabel="Branch"
              items={branchItems}
              selection={branchSelection}
              onSelect={(_e, item) => {
                setOpenKey(null);
                setBranch(item.id === DEFAULT_BRANCH ? { kind: 'default' } : { kind: 'branch', name: String(item.id) });
              }}
              width={260}
            />
            <Toggle
              className="drcheck-allprojects"
              text="All projects"
              ariaLabel="Include all projects of the organisation"
              checked={allProjects}
              onChange={(_e, v) => {
                setOpenKey(null);
                setAllProjects(v);
              }}
            />
          </div>
        )}
      >
        <Tab id="subscriptions" name="Subscriptions" badgeCount={model.rows.length || undefined} />
        <Tab id="trend" name="Trend" />
        <Tab id="pipelines" name="Pipelines" badgeCount={pipelines.length || undefined} />
      </TabBar>
      <div className="page-content page-content-top flex-column rhythm-vertical-16 drcheck-body">
        {showFilters ? <PostureFilterBar filter={filter} facets={facets} /> : null}
        {body}
      </div>
    </Page>
  );
}

function ErrorCard(props: { text: string; onRetry: () => void }) {
  return (
    <MessageCard severity={MessageCardSeverity.Error} className="drcheck-error" buttonProps={[{ text: 'Try again', onClick: props.onRetry }]}>
      {props.text}
    </MessageCard>
  );
}

function ProjectProblems(props: { snapshot: LoadSnapshot }) {
  const list = props.snapshot.projectProblems;
  if (!list.length) return null;
  return (
    <MessageCard severity={MessageCardSeverity.Warning} className="drcheck-project-problems">
      {`${plural(list.length, 'project')} could not be read: ${list
        .slice(0, 3)
        .map((p) => p.message)
        .join(' ')}${list.length > 3 ? ` And ${list.length - 3} more.` : ''}`}
    </MessageCard>
  );
}

interface TrendState {
  status: 'idle' | 'loading' | 'done';
  done: number;
  total: number;
  data: TrendLoad | null;
}

/** Reads the older runs behind the trend when the Trend tab is first opened (and again after a reload). */
function useTrend(loader: PostureLoader, snapshot: LoadSnapshot | null, active: boolean): TrendState {
  const [state, setState] = React.useState<TrendState>({ status: 'idle', done: 0, total: 0, data: null });
  const ready = snapshot?.phase === 'done' ? snapshot : null;
  const started = React.useRef<LoadSnapshot | null>(null);
  React.useEffect(() => {
    if (!active || !ready || started.current === ready) return;
    started.current = ready;
    const current = () => started.current === ready;
    setState({ status: 'loading', done: 0, total: 0, data: null });
    let last = 0;
    loader
      .loadTrend(ready.pipelines, (done, total) => {
        const now = Date.now();
        if (now - last > 200 && current()) {
          last = now;
          setState((s) => ({ ...s, done, total }));
        }
      })
      .then((data) => current() && setState({ status: 'done', done: 0, total: 0, data }));
  }, [active, ready]);
  return started.current === ready ? state : { status: 'idle', done: 0, total: 0, data: null };
}

function TrendView(props: { trend: TrendState; visible: SubscriptionView[]; history: number }) {
  const { trend, visible } = props;
  const computed = React.useMemo(() => (trend.data ? trendSeries(trend.data.runs) : null), [trend.data]);
  const shown = React.useMemo(() => {
    if (!computed) return null;
    const keys = new Set(visible.map((r) => r.key));
    const inView = computed.series.filter((s) => keys.has(s.key));
    const lowest = [...inView].sort((a, b) => a.points[a.points.length - 1].value - b.points[b.points.length - 1].value || a.key.localeCompare(b.key));
    return { series: lowest.slice(0, MAX_SERIES), hidden: Math.max(0, lowest.length - MAX_SERIES) };
  }, [computed, visible]);
  if (trend.status !== 'done' || !computed || !shown) {
    return <Spinner size={SpinnerSize.large} label={trend.total ? `Reading earlier runs: ${count(trend.done)} of ${count(trend.total)}…` : 'Reading earlier runs…'} />;
  }
  const runs = new Set(trend.data!.runs.map((r) => r.time)).size;
  return (
    <div className="flex-column rhythm-vertical-16">
      {trend.data!.unreadable ? (
        <MessageCard severity={MessageCardSeverity.Warning} className="drcheck-trend-unreadable">{`${plural(trend.data!.unreadable, 'earlier run')} could not be read and ${trend.data!.unreadable === 1 ? 'is' : 'are'} left out of the trend.`}</MessageCard>
      ) : null}
      {runs < 2 ? (
        <MessageCard severity={MessageCardSeverity.Info} className="drcheck-trend-empty">
          The trend appears after a second scan on this branch.
        </MessageCard>
      ) : (
        <Card
          className="drcheck-trend-card"
          titleProps={{ text: 'Share of resources meeting the strategy', size: TitleSize.Small }}
          headerDescriptionProps={{ text: `${plural(runs, 'scan')} from ${formatShortDate(Math.min(...trend.data!.runs.map((r) => r.time)))} to ${formatShortDate(Math.max(...trend.data!.runs.map((r) => r.time)))}, up to ${props.history} per pipeline` }}
        >
          <TrendChart overall={computed.overall} series={shown.series} hidden={shown.hidden} />
        </Card>
      )}
    </div>
  );
}
