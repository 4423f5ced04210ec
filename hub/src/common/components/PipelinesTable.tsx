/**
 * Where the posture comes from: every pipeline that ran DrCheck@1, the branch and run read, and what went
 * wrong when its posture could not be read (no permission, bad attachment, no run on the branch).
 */
import * as React from 'react';
import { Ago } from 'azure-devops-ui/Ago';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import { Table } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { shortBranch, type PipelineState } from '../data/load';
import { count } from '../format';
import { ExternalLink } from './bits';
import { byNumber, byText, useSortedTable, type SortableColumn } from './sorting';

const STATE_ORDER: Record<PipelineState['status'], number> = { problem: 0, 'no-posture': 1, loading: 2, ready: 3 };

function StateCell(props: { p: PipelineState }) {
  const { p } = props;
  if (p.status === 'loading') return <Spinner size={SpinnerSize.small} label="Reading…" />;
  if (p.status === 'ready') {
    return (
      <span className="flex-row flex-center text-ellipsis">
        <Status {...Statuses.Success} size={StatusSize.m} className="flex-noshrink margin-right-8" />
        <span className="text-ellipsis" title={p.previousProblem}>
          {p.previous === undefined ? 'Read; comparing with the previous run…' : p.previousProblem ? `Read; previous run unreadable: ${p.previousProblem}` : p.previous ? 'Read' : 'Read (first scan on this branch)'}
        </span>
      </span>
    );
  }
  return (
    <span className="flex-row flex-center text-ellipsis drcheck-pipeline-problem">
      <Status {...(p.status === 'problem' ? Statuses.Failed : Statuses.Waiting)} size={StatusSize.m} className="flex-noshrink margin-right-8" />
      <span className="text-ellipsis" title={p.problem}>
        {p.problem}
      </span>
    </span>
  );
}

export function PipelinesTable(props: { pipelines: PipelineState[]; showProject: boolean }) {
  const { showProject } = props;
  const columns = React.useMemo<Array<SortableColumn<PipelineState>>>(
    () => [
      { id: 'name', name: 'Pipeline', width: -18, compare: (a, b) => byText(a.name, b.name), render: (p) => <span className="text-ellipsis drcheck-pipeline-name">{p.name}</span> },
      ...(showProject ? [{ id: 'project', name: 'Project', width: -10, compare: (a: PipelineState, b: PipelineState) => byText(a.project.name, b.project.name), render: (p: PipelineState) => p.project.name }] : []),
      {
        id: 'branch',
        name: 'Branch',
        width: -12,
        compare: (a, b) => byText(a.branch, b.branch),
        render: (p) => (
          <span className="text-ellipsis" title={p.branchSource === 'guessed' ? 'The default branch is unknown; the latest branch scanned stands in' : undefined}>
            {p.branch ? `${shortBranch(p.branch)}${p.branchSource === 'default' ? ' (default)' : p.branchSource === 'guessed' ? ' (latest)' : ''}` : '—'}
          </span>
        ),
      },
      {
        id: 'run',
        name: 'Run',
        width: -14,
        compare: (a, b) => byNumber(a.latest?.build.finishTime?.getTime() ?? 0, b.latest?.build.finishTime?.getTime() ?? 0),
        render: (p) => {
          const b = p.latest?.build ?? p.builds[0];
          if (!b) return <span className="secondary-text">—</span>;
          return (
            <div className="flex-column text-ellipsis">
              <ExternalLink href={b.webUrl} className="text-ellipsis">{`#${b.buildNumber}`}</ExternalLink>
              {b.finishTime ? <Ago date={b.finishTime} className="secondary-text font-size-s" /> : null}
            </div>
          );
        },
      },
      {
        id: 'resources',
        name: 'Resources',
        width: -7,
        compare: (a, b) => byNumber(resources(a), resources(b)),
        render: (p) => (p.latest ? count(resources(p)) : '—'),
        className: 'drcheck-num',
      },
      { id: 'state', name: 'State', width: -30, compare: (a, b) => STATE_ORDER[a.status] - STATE_ORDER[b.status] || byText(a.name, b.name), render: (p) => <StateCell p={p} /> },
    ],
    [showProject],
  );
  const { sorted, tableColumns, behavior } = useSortedTable(props.pipelines, columns, { id: 'state', order: 0 });
  const provider = React.useMemo(() => new ArrayItemProvider(sorted), [sorted]);
  return (
    <Card className="flex-grow bolt-table-card" contentProps={{ contentPadding: false }}>
      <Table<PipelineState> ariaLabel="Pipelines" className="drcheck-pipelines" columns={tableColumns} itemProvider={provider} behaviors={[behavior]} containerClassName="h-scroll-auto" />
    </Card>
  );
}

function resources(p: PipelineState): number {
  return p.latest?.reports.reduce((n, r) => n + r.report.resources.length, 0) ?? 0;
}
