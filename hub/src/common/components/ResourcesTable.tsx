/**
 * One subscription's resources: status, redundancy against the requirement, who recovers it, what to do
 * (the finding and its uplift options) and where it is written (file and line, linked to the repository).
 * Clicking a row opens the resource's details.
 */
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Table } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { Change } from '../../../../shared/engine/diff';
import type { Status } from '../../../../shared/model/posture';
import { isRegression, serviceLabel, sourceLink, type ResourceItem, type RunContext } from '../model';
import { ExternalLink, PostureStatusCell, RedundancyPills } from './bits';
import { byText, useSortedTable, type SortableColumn } from './sorting';

const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, suppressed: 2, pass: 3 };
const LEVEL_ORDER: Record<string, number> = { none: 0, local: 1, zone: 2, geo: 3, 'multi-region': 4, managed: 5, unknown: 6 };

const byStatus = (a: ResourceItem, b: ResourceItem) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byText(a.name ?? a.address, b.name ?? b.address);

/** The open finding to show first, if any. */
export function firstFinding(it: ResourceItem) {
  return it.findings.find((f) => !f.suppressed) ?? it.findings[0];
}

export function ResourcesTable(props: { items: ResourceItem[]; runs: Map<string, RunContext>; changes: Map<string, Change[]>; onOpen: (it: ResourceItem) => void }) {
  const { runs, changes, onOpen } = props;
  const columns = React.useMemo<Array<SortableColumn<ResourceItem>>>(
    () => [
      { id: 'status', name: 'Status', width: -9, compare: byStatus, render: (it) => <PostureStatusCell status={it.status} /> },
      {
        id: 'name',
        name: 'Resource',
        width: -18,
        compare: (a, b) => byText(a.name ?? a.address, b.name ?? b.address),
        render: (it) => {
          const regressed = (changes.get(it.id) ?? []).some(isRegression);
          return (
            <div className="flex-column text-ellipsis">
              <span className="flex-row flex-center text-ellipsis">
                <span className="drcheck-resource-name text-ellipsis" title={it.name ?? it.address}>
                  {it.name ?? it.address}
                </span>
                {regressed ? <span className="drcheck-regressed-badge margin-left-8">regressed</span> : null}
              </span>
              <span className="secondary-text font-size-s text-ellipsis">{serviceLabel(it.service, it.type)}</span>
            </div>
          );
        },
      },
      {
        id: 'redundancy',
        name: 'Redundancy',
        width: -17,
        ariaLabel: 'Redundancy and the level the strategy requires',
        compare: (a, b) => (LEVEL_ORDER[a.redundancy] ?? 9) - (LEVEL_ORDER[b.redundancy] ?? 9) || byStatus(a, b),
        render: (it) => <RedundancyPills redundancy={it.redundancy} required={it.required} />,
      },
      {
        id: 'who',
        name: 'Recovered by',
        width: -13,
        compare: (a, b) => byText(a.responsibility?.workload, b.responsibility?.workload),
        render: (it) =>
          it.responsibility ? (
            <div className="flex-column text-ellipsis drcheck-who">
              <span className="text-ellipsis" title={`Component: ${it.responsibility.component}`}>{it.responsibility.component}</span>
              <span className="secondary-text font-size-s text-ellipsis" title={`Workload and configuration: ${it.responsibility.workload}`}>
                {`workload: ${it.responsibility.workload}`}
              </span>
            </div>
          ) : (
            <span className="secondary-text">—</span>
          ),
      },
      {
        id: 'todo',
        name: 'What to do',
        width: -28,
        render: (it) => {
          const f = firstFinding(it);
          const options = f?.uplift ?? [];
          return (
            <div className="flex-column text-ellipsis drcheck-todo">
              <span className={`text-ellipsis ${f ? '' : 'secondary-text'}`} title={f ? f.message : it.reason}>
                {f ? (f.suppressed ? `Suppressed: ${f.suppressed.justification}` : f.message) : it.reason}
              </span>
              {options.length ? (
                <span className="flex-row text-ellipsis font-size-s drcheck-uplift">
                  {options.slice(0, 2).map((u, i) => (
                    <React.Fragment key={`${u.url}-${i}`}>
                      {i > 0 ? <span className="secondary-text drcheck-sep">·</span> : null}
                      <ExternalLink href={u.url} className="text-ellipsis" tooltip={u.title}>
                        {u.title}
                      </ExternalLink>
                    </React.Fragment>
                  ))}
                  {options.length > 2 ? <span className="secondary-text drcheck-sep">{`+${options.length - 2}`}</span> : null}
                </span>
              ) : null}
            </div>
          );
        },
      },
      {
        id: 'source',
        name: 'Source',
        width: -15,
        compare: (a, b) => byText(a.file, b.file) || a.line - b.line,
        render: (it) => {
          const run = runs.get(it.buildUrl);
          const label = `${it.file}:${it.line}`;
          return (
            <div className="flex-column text-ellipsis">
              <ExternalLink href={sourceLink(it, run)} className="text-ellipsis drcheck-source" tooltip={`Open ${label} in the repository`}>
                {label}
              </ExternalLink>
              <span className="secondary-text font-size-s text-ellipsis">{it.pipeline}</span>
            </div>
          );
        },
      },
    ],
    [runs, changes],
  );
  const { sorted, tableColumns, behavior } = useSortedTable(props.items, columns, { id: 'status', order: 0 });
  const provider = React.useMemo(() => new ArrayItemProvider(sorted), [sorted]);
  return (
    <Card className="flex-grow bolt-table-card" contentProps={{ contentPadding: false }}>
      <Table<ResourceItem>
        ariaLabel="Resources"
        className="drcheck-resources"
        columns={tableColumns}
        itemProvider={provider}
        behaviors={[behavior]}
        singleClickActivation={true}
        onActivate={(e, row) => {
          // Links inside the row open their target; the rest of the row opens the details.
          if ((e.target as HTMLElement | null)?.closest?.('a[href]')) return;
          onOpen(row.data);
        }}
        rowHeight={56}
        containerClassName="h-scroll-auto"
      />
    </Card>
  );
}
