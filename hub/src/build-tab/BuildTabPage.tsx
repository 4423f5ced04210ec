/**
 * The "DR posture" build results tab: the posture one DrCheck@1 run attached, per landing-zone
 * subscription, compared with the pipeline's previous run on the same branch, with drill-down.
 */
import * as React from 'react';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Page } from 'azure-devops-ui/Page';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { STRATEGY_DEFINITIONS } from '../../../shared/model/posture';
import type { BuildInfo } from '../common/data/api';
import { shortBranch, type PipelineState, type PostureLoader, type RunInfo } from '../common/data/load';
import { count, plural } from '../common/format';
import { buildModel, facetsOf, filterItems, filterRows, hasResourceFilters, isRegression, nextActions, totalsOf } from '../common/model';
import { ExternalLink } from '../common/components/bits';
import { PostureFilterBar, useFilters } from '../common/components/Filters';
import { SubscriptionDetail } from '../common/components/SubscriptionDetail';
import { SubscriptionsTable } from '../common/components/SubscriptionsTable';
import { Summary } from '../common/components/Summary';

type Loaded = { latest: RunInfo; previous: RunInfo | null; previousProblem?: string } | { problem: string } | null;

export function BuildTabPage(props: { build: BuildInfo; loader: PostureLoader }) {
  const { build, loader } = props;
  const [state, setState] = React.useState<Loaded | undefined>(undefined);
  const [openKey, setOpenKey] = React.useState<string | null>(null);
  const [filter, filters] = useFilters();
  React.useEffect(() => {
    loader.loadBuild(build).then(setState, (e) => setState({ problem: String((e as Error)?.message ?? e) }));
  }, [build.id]);

  const pipelines = React.useMemo<PipelineState[]>(() => {
    if (!state || 'problem' in state) return [];
    const key = `${build.project.id}|${build.definitionId}`;
    return [{ key, project: build.project, definitionId: build.definitionId, name: build.definitionName, branch: build.branch, branchSource: 'chosen', builds: [build], status: 'ready', latest: state.latest, previous: state.previous, previousProblem: state.previousProblem }];
  }, [state]);
  const model = React.useMemo(() => buildModel(pipelines), [pipelines]);
  const facets = React.useMemo(() => facetsOf(model.rows), [model]);
  const visible = React.useMemo(() => filterRows(model.rows, filters, model.changes), [model, filters]);
  const totals = React.useMemo(() => totalsOf(visible), [visible]);
  const actions = React.useMemo(() => nextActions(hasResourceFilters(filters) || filters.keyword ? visible.map((r) => ({ ...r, items: filterItems(r, filters, model.changes) })) : visible), [visible, filters, model]);

  if (state === undefined) return <Spinner size={SpinnerSize.large} label="Reading this run's DR posture…" className="drcheck-loading" />;
  if (state === null) {
    return (
      <Page className="drcheck-buildtab">
        <div className="page-content page-content-top">
          <MessageCard severity={MessageCardSeverity.Info} className="drcheck-error">
            {`Build ${build.buildNumber} has no DR posture: the DrCheck task did not attach posture.json (it may have stopped before publishing). See the log of its DrCheck step.`}
          </MessageCard>
        </div>
      </Page>
    );
  }
  if ('problem' in state) {
    return (
      <Page className="drcheck-buildtab">
        <div className="page-content page-content-top">
          <MessageCard severity={MessageCardSeverity.Error} className="drcheck-error">{`The DR posture of this run cannot be shown: ${state.problem}`}</MessageCard>
        </div>
      </Page>
    );
  }

  const reports = state.latest.reports.map((r) => r.report);
  const strategies = [...new Set(reports.map((r) => r.strategy))];
  const changes = [...model.changes.values()].flat();
  const regressions = changes.filter(isRegression).length;
  const comparison = state.previous
    ? `Compared with #${state.previous.build.buildNumber}: ${plural(regressions, 'regression')}, ${plural(changes.length - regressions, 'improvement')}`
    : state.previousProblem
      ? `The previous run could not be read: ${state.previousProblem}`
      : `First DR scan of ${build.definitionName} on ${shortBranch(build.branch)}`;
  const open = openKey ? model.rows.find((r) => r.key === openKey) ?? null : null;
  const errors = reports.reduce((n, r) => n + r.errors.length, 0);

  return (
    <Page className="flex-grow drcheck-buildtab">
      <Header
        title="DR posture of this run"
        titleSize={TitleSize.Medium}
        description={`${strategies.map((s) => STRATEGY_DEFINITIONS[s]?.title ?? s).join(' / ')} · ${plural(totals.resources, 'resource')} · ${count(totals.pass)} pass · ${count(totals.fail)} fail · ${count(totals.unknown)} unknown · ${count(totals.suppressed)} suppressed · ${comparison}`}
        className="drcheck-header"
      />
      <div className="page-content page-content-top flex-column rhythm-vertical-16 drcheck-body">
        {errors ? (
          <MessageCard severity={MessageCardSeverity.Warning} className="drcheck-scan-errors">{`The scan reported ${plural(errors, 'problem')} reading the templates; those resources may be missing. The build log and the SARIF tab list them.`}</MessageCard>
        ) : null}
        {state.previous ? null : (
          <span className="secondary-text">
            {'Regressions are counted against the pipeline\'s previous run on the same branch; '}
            <ExternalLink href="https://learn.microsoft.com/azure/devops/pipelines/process/runs">this is its first.</ExternalLink>
          </span>
        )}
        {model.rows.length ? <PostureFilterBar filter={filter} facets={facets} /> : null}
        {open ? (
          <SubscriptionDetail row={open} items={filterItems(open, filters, model.changes)} filtered={filterItems(open, filters, model.changes).length !== open.items.length} runs={model.runs} changes={model.changes} onBack={() => setOpenKey(null)} />
        ) : model.rows.length ? (
          <>
            <Summary totals={totals} actions={actions} comparing={false} strategies={strategies} />
            {visible.length ? (
              <SubscriptionsTable rows={visible} onOpen={(r) => setOpenKey(r.key)} comparing={false} />
            ) : (
              <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nomatch">
                No subscription matches the filters.
              </MessageCard>
            )}
          </>
        ) : (
          <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nomatch">
            This run scanned no resources (no ARM, Bicep or Terraform file matched the task's paths).
          </MessageCard>
        )}
      </div>
    </Page>
  );
}
