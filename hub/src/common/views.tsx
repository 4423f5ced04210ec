/**
 * The hub's views, built from azure-devops-ui: the subscriptions table, one subscription's resources,
 * the trend chart, the zero-data state. Report text is rendered as React text (escaped), links only https.
 */
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { ObservableValue } from 'azure-devops-ui/Core/Observable';
import { Link } from 'azure-devops-ui/Link';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import { ColumnSorting, SimpleTableCell, SortOrder, sortItems, Table, type ITableColumn } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { ZeroData, ZeroDataActionType } from 'azure-devops-ui/ZeroData';
import { entryById } from '../../../shared/catalog';
import type { SubscriptionRow } from '../../../shared/report/merge';
import type { ResourceReport } from '../../../shared/report/types';
import type { Redundancy, Status as PostureStatus } from '../../../shared/model/posture';

export type ResourceItem = ResourceReport & { pipeline?: string; buildUrl?: string };

const pct = (x: number) => `${Math.round(x * 100)}%`;
export const safeUrl = (u: string | undefined) => (u && /^https:\/\//i.test(u) ? u : undefined);

const STATUS: Record<PostureStatus, { icon: typeof Statuses.Success; label: string }> = {
  pass: { icon: Statuses.Success, label: 'Pass' },
  fail: { icon: Statuses.Failed, label: 'Fail' },
  unknown: { icon: Statuses.Warning, label: 'Unknown' },
  suppressed: { icon: Statuses.Skipped, label: 'Suppressed' },
};

const LEVEL_COLOR: Record<Redundancy, { red: number; green: number; blue: number }> = {
  none: { red: 209, green: 52, blue: 56 },
  local: { red: 234, green: 115, blue: 36 },
  zone: { red: 247, green: 192, blue: 48 },
  geo: { red: 85, green: 163, blue: 98 },
  'multi-region': { red: 16, green: 124, blue: 16 },
  managed: { red: 0, green: 120, blue: 212 },
  unknown: { red: 138, green: 136, blue: 134 },
};

export function LevelPill(props: { level: Redundancy | string; title?: string; required?: boolean }) {
  // A requirement of "none" is not a problem: shown neutral, not red.
  const color = props.required && props.level === 'none' ? LEVEL_COLOR.unknown : LEVEL_COLOR[props.level as Redundancy] ?? LEVEL_COLOR.unknown;
  return (
    <Pill size={PillSize.compact} variant={PillVariant.colored} color={color} className="drcheck-pill">
      {props.title ? `${props.title}: ${props.level}` : props.level}
    </Pill>
  );
}

export function StatusCell(props: { status: PostureStatus }) {
  const s = STATUS[props.status];
  return (
    <span className="flex-row flex-center">
      <Status {...s.icon} size={StatusSize.m} className="margin-right-4" />
      <span className="drcheck-status">{s.label}</span>
    </span>
  );
}

function useSorted<T>(items: T[], columns: Array<ITableColumn<T>>, comparers: Array<((a: T, b: T) => number) | null>) {
  const [sorted, setSorted] = React.useState(items);
  React.useEffect(() => setSorted(items), [items]);
  const sorting = React.useMemo(
    () =>
      new ColumnSorting<T>((columnIndex, order) => {
        setSorted((current) => sortItems(columnIndex, order, comparers, columns, [...current]));
      }),
    [columns, comparers],
  );
  return { sorted, sorting };
}

export function SubscriptionsTable(props: { rows: SubscriptionRow[]; onOpen: (row: SubscriptionRow) => void }) {
  const columns = React.useMemo<Array<ITableColumn<SubscriptionRow>>>(
    () => [
      { id: 'landingZone', name: 'Landing zone', width: new ObservableValue(-18), sortProps: { ariaLabelAscending: 'A to Z', ariaLabelDescending: 'Z to A' }, renderCell: (_r, c, col, row) => cell(c, col, <Link onClick={() => props.onOpen(row)} className="drcheck-open">{row.landingZone ?? 'Unmapped'}</Link>) },
      { id: 'subscription', name: 'Subscription', width: new ObservableValue(-24), renderCell: (_r, c, col, row) => cell(c, col, <span className="text-ellipsis secondary-text">{row.subscription ?? '—'}</span>) },
      { id: 'resources', name: 'Resources', width: new ObservableValue(-8), sortProps: {}, renderCell: (_r, c, col, row) => cell(c, col, String(row.resources)) },
      { id: 'stateful', name: 'Stateful', width: new ObservableValue(-8), renderCell: (_r, c, col, row) => cell(c, col, pct(row.resources ? row.stateful / row.resources : 0)) },
      { id: 'meeting', name: 'Meets strategy', width: new ObservableValue(-10), sortProps: {}, renderCell: (_r, c, col, row) => cell(c, col, <span className={row.meetingStrategy < 1 ? 'drcheck-bad' : 'drcheck-good'}>{pct(row.meetingStrategy)}</span>) },
      { id: 'fail', name: 'Failing', width: new ObservableValue(-7), sortProps: {}, renderCell: (_r, c, col, row) => cell(c, col, String(row.fail)) },
      { id: 'unknown', name: 'Unknown', width: new ObservableValue(-7), renderCell: (_r, c, col, row) => cell(c, col, String(row.unknown)) },
      { id: 'regressions', name: 'Regressions', width: new ObservableValue(-8), sortProps: {}, renderCell: (_r, c, col, row) => cell(c, col, row.regressions ? <span className="drcheck-bad">▼ {row.regressions}</span> : '0') },
      {
        id: 'lastScan',
        name: 'Last scan',
        width: new ObservableValue(-14),
        renderCell: (_r, c, col, row) =>
          cell(c, col, row.lastScan ? <Link href={safeUrl(row.lastScan.buildUrl)} target="_blank" rel="noopener noreferrer">{row.lastScan.finishTime ? row.lastScan.finishTime.toISOString().slice(0, 16).replace('T', ' ') : row.lastScan.buildNumber}</Link> : '—'),
      },
    ],
    [props],
  );
  const comparers = React.useMemo(
    () => [
      (a: SubscriptionRow, b: SubscriptionRow) => (a.landingZone ?? '').localeCompare(b.landingZone ?? ''),
      null,
      (a: SubscriptionRow, b: SubscriptionRow) => a.resources - b.resources,
      null,
      (a: SubscriptionRow, b: SubscriptionRow) => a.meetingStrategy - b.meetingStrategy,
      (a: SubscriptionRow, b: SubscriptionRow) => a.fail - b.fail,
      null,
      (a: SubscriptionRow, b: SubscriptionRow) => a.regressions - b.regressions,
      null,
    ],
    [],
  );
  const { sorted, sorting } = useSorted(props.rows, columns, comparers);
  const provider = React.useMemo(() => new ArrayItemProvider(sorted), [sorted]);
  return (
    <Card className="bolt-table-card flex-grow" contentProps={{ contentPadding: false }}>
      <Table<SubscriptionRow> ariaLabel="Landing-zone subscriptions" className="drcheck-subscriptions" columns={columns} itemProvider={provider} behaviors={[sorting]} onActivate={(_e, row) => props.onOpen(row.data)} containerClassName="h-scroll-auto" />
    </Card>
  );
}

function cell<T>(columnIndex: number, column: ITableColumn<T>, content: React.ReactNode) {
  return (
    <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key={`c${columnIndex}`}>
      {content}
    </SimpleTableCell>
  );
}

export function ResourcesTable(props: { items: ResourceItem[]; repositoryUrl?: string }) {
  const columns = React.useMemo<Array<ITableColumn<ResourceItem>>>(
    () => [
      { id: 'status', name: 'Status', width: new ObservableValue(-8), renderCell: (_r, c, col, it) => cell(c, col, <StatusCell status={it.status} />) },
      {
        id: 'name',
        name: 'Resource',
        width: new ObservableValue(-20),
        renderCell: (_r, c, col, it) =>
          cell(
            c,
            col,
            <div className="flex-column text-ellipsis">
              <span className="drcheck-resource-name text-ellipsis">{it.name ?? it.address}</span>
              <span className="secondary-text font-size-s text-ellipsis">{it.service ? entryById(it.service)?.displayName ?? it.service : `${it.type} (uncatalogued)`}</span>
            </div>,
          ),
      },
      {
        id: 'redundancy',
        name: 'Redundancy / required',
        width: new ObservableValue(-16),
        renderCell: (_r, c, col, it) =>
          cell(
            c,
            col,
            <span className="flex-row rhythm-horizontal-4">
              <LevelPill level={it.redundancy} />
              <span className="secondary-text">→</span>
              <LevelPill level={it.required} required />
            </span>,
          ),
      },
      { id: 'who', name: 'Recovered by', width: new ObservableValue(-12), renderCell: (_r, c, col, it) => cell(c, col, <span className="text-ellipsis">{it.responsibility ? `${it.responsibility.component} / ${it.responsibility.workload}` : '—'}</span>) },
      {
        id: 'uplift',
        name: 'What to do',
        width: new ObservableValue(-28),
        renderCell: (_r, c, col, it) => {
          const f = it.findings.find((x) => !x.suppressed);
          return cell(
            c,
            col,
            <div className="flex-column text-ellipsis">
              <span className="text-ellipsis" title={it.reason}>{f ? f.message : it.reason}</span>
              {(f?.uplift ?? []).slice(0, 2).map((u) => (
                <Link key={u.url} href={safeUrl(u.url)} target="_blank" rel="noopener noreferrer" className="font-size-s text-ellipsis">
                  {u.title}
                </Link>
              ))}
            </div>,
          );
        },
      },
      {
        id: 'where',
        name: 'Source',
        width: new ObservableValue(-16),
        renderCell: (_r, c, col, it) => {
          const href = props.repositoryUrl && safeUrl(props.repositoryUrl) ? `${props.repositoryUrl.replace(/\/+$/, '')}?path=/${encodeURI(it.file)}&line=${it.line}&lineEnd=${it.line}&lineStartColumn=1&lineEndColumn=1` : undefined;
          return cell(c, col, href ? <Link href={href} target="_blank" rel="noopener noreferrer" className="text-ellipsis">{`${it.file}:${it.line}`}</Link> : <span className="text-ellipsis">{`${it.file}:${it.line}`}</span>);
        },
      },
    ],
    [props.repositoryUrl],
  );
  const order: Record<PostureStatus, number> = { fail: 0, unknown: 1, suppressed: 2, pass: 3 };
  const items = React.useMemo(() => [...props.items].sort((a, b) => order[a.status] - order[b.status] || (a.name ?? a.address).localeCompare(b.name ?? b.address)), [props.items]);
  const provider = React.useMemo(() => new ArrayItemProvider(items), [items]);
  return (
    <Card className="bolt-table-card flex-grow" contentProps={{ contentPadding: false }}>
      <Table<ResourceItem> ariaLabel="Resources" className="drcheck-resources" columns={columns} itemProvider={provider} containerClassName="h-scroll-auto" />
    </Card>
  );
}

/** A small line chart of the share meeting the strategy, per subscription, over the last runs. */
export function TrendChart(props: { points: Array<{ time: number; bySubscription: Record<string, number> }> }) {
  const series = [...new Set(props.points.flatMap((p) => Object.keys(p.bySubscription)))].sort();
  if (props.points.length < 2) return <MessageCard severity={MessageCardSeverity.Info}>The trend appears after two scans.</MessageCard>;
  const W = 720;
  const H = 240;
  const pad = 36;
  const t0 = props.points[0].time;
  const t1 = props.points[props.points.length - 1].time;
  const x = (t: number) => pad + ((t - t0) / Math.max(t1 - t0, 1)) * (W - 2 * pad);
  const y = (v: number) => H - pad - v * (H - 2 * pad);
  const palette = ['#0078d4', '#107c10', '#d13438', '#ca5010', '#8764b8', '#038387', '#986f0b', '#4f6bed'];
  return (
    <Card className="drcheck-trend" titleProps={{ text: 'Share of resources meeting the strategy' }}>
      <svg width={W} height={H} role="img" aria-label="Posture trend">
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={pad} x2={W - pad} y1={y(v)} y2={y(v)} stroke="currentColor" strokeOpacity={0.15} />
            <text x={4} y={y(v) + 4} fontSize={11} fill="currentColor">{pct(v)}</text>
          </g>
        ))}
        {series.map((s, i) => (
          <polyline
            key={s}
            className="drcheck-trend-line"
            fill="none"
            stroke={palette[i % palette.length]}
            strokeWidth={2}
            points={props.points.filter((p) => s in p.bySubscription).map((p) => `${x(p.time)},${y(p.bySubscription[s])}`).join(' ')}
          />
        ))}
      </svg>
      <div className="flex-row flex-wrap rhythm-horizontal-8">
        {series.map((s, i) => (
          <span key={s} className="drcheck-legend">
            <span style={{ color: palette[i % palette.length] }}>■</span> {s}
          </span>
        ))}
      </div>
    </Card>
  );
}

export const TASK_SNIPPET = `steps:
  - task: DrCheck@1
    inputs:
      paths: infra
      strategy: redeploy
      failOn: regressions`;

export function ZeroState() {
  return (
    <ZeroData
      className="drcheck-zero"
      primaryText="No DR posture yet"
      secondaryText={
        <div className="flex-column">
          <span>Add the DrCheck task to a pipeline that builds your infrastructure-as-code; its next run appears here.</span>
          <pre className="drcheck-snippet">{TASK_SNIPPET}</pre>
        </div>
      }
      imageAltText="No posture"
      actionType={ZeroDataActionType.ctaButton}
      actionText="How drcheck judges DR"
      onActionClick={() => window.open('https://learn.microsoft.com/azure/architecture/data-guide/disaster-recovery/dr-for-azure-data-platform-overview', '_blank', 'noopener')}
    />
  );
}
