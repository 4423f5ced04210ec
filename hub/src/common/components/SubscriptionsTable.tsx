/**
 * The main table: one row per landing-zone subscription with its posture, regressions and last scan.
 * Clicking a row (or its landing zone) opens that subscription's resources.
 */
import * as React from 'react';
import { Ago } from 'azure-devops-ui/Ago';
import { Card } from 'azure-devops-ui/Card';
import { Link } from 'azure-devops-ui/Link';
import { Table } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { count, pct } from '../format';
import { landingZoneOf, type SubscriptionView } from '../model';
import { ExternalLink, Meter, RegressionCount } from './bits';
import { byNumber, byText, SortOrder, useSortedTable, type SortableColumn } from './sorting';

const worstFirst = (a: SubscriptionView, b: SubscriptionView) =>
  b.regressions - a.regressions || b.fail - a.fail || a.meetingStrategy - b.meetingStrategy || byText(landingZoneOf(a), landingZoneOf(b));

export function SubscriptionsTable(props: { rows: SubscriptionView[]; onOpen: (row: SubscriptionView) => void; comparing: boolean; className?: string }) {
  const { onOpen, comparing } = props;
  const initial = React.useMemo(() => [...props.rows].sort(worstFirst), [props.rows]);
  const columns = React.useMemo<Array<SortableColumn<SubscriptionView>>>(
    () => [
      {
        id: 'landingZone',
        name: 'Landing zone',
        width: -15,
        compare: (a, b) => byText(landingZoneOf(a), landingZoneOf(b)),
        render: (r) => (
          <div className="flex-column text-ellipsis">
            <Link className="drcheck-open text-ellipsis" onClick={(e) => (e.preventDefault(), onOpen(r))} href="#" ariaLabel={`Open ${landingZoneOf(r)} ${r.subscription ?? ''}`}>
              {landingZoneOf(r)}
            </Link>
            {r.managementGroup ? <span className="secondary-text font-size-s text-ellipsis">{r.managementGroup}</span> : null}
          </div>
        ),
      },
      {
        id: 'subscription',
        name: 'Subscription',
        width: -13,
        compare: (a, b) => byText(a.subscription, b.subscription),
        render: (r) => (
          <span className="text-ellipsis drcheck-subscription" title={r.subscription ?? 'No subscription: the landing zones in .drcheck.yml do not cover these resources'}>
            {r.subscription ?? '—'}
          </span>
        ),
      },
      { id: 'resources', name: 'Resources', width: -7, compare: (a, b) => byNumber(a.resources, b.resources), render: (r) => count(r.resources), className: 'drcheck-num' },
      {
        id: 'stateful',
        name: 'Stateful',
        width: -7,
        compare: (a, b) => byNumber(a.resources ? a.stateful / a.resources : 0, b.resources ? b.stateful / b.resources : 0),
        render: (r) => <span title={`${count(r.stateful)} of ${count(r.resources)} resources hold state`}>{pct(r.resources ? r.stateful / r.resources : 0)}</span>,
        className: 'drcheck-num',
      },
      { id: 'meeting', name: 'Meets strategy', width: -12, compare: (a, b) => byNumber(a.meetingStrategy, b.meetingStrategy), render: (r) => <Meter share={r.meetingStrategy} /> },
      { id: 'fail', name: 'Failing', width: -6, compare: (a, b) => byNumber(a.fail, b.fail), render: (r) => <span className={r.fail ? 'drcheck-bad' : 'secondary-text'}>{count(r.fail)}</span>, className: 'drcheck-num' },
      { id: 'unknown', name: 'Unknown', width: -7, compare: (a, b) => byNumber(a.unknown, b.unknown), render: (r) => <span className={r.unknown ? 'drcheck-warn' : 'secondary-text'}>{count(r.unknown)}</span>, className: 'drcheck-num' },
      {
        id: 'regressions',
        name: 'Regressions',
        width: -8,
        ariaLabel: 'Regressions since the previous run',
        compare: (a, b) => byNumber(a.regressions, b.regressions),
        render: (r) => <RegressionCount n={r.regressions} pending={comparing} />,
        className: 'drcheck-num',
      },
      {
        id: 'lastScan',
        name: 'Last scan',
        width: -15,
        compare: (a, b) => byNumber(a.lastScan?.finishTime?.getTime() ?? 0, b.lastScan?.finishTime?.getTime() ?? 0),
        render: (r) =>
          r.lastScan ? (
            <div className="flex-column text-ellipsis drcheck-lastscan">
              {r.lastScan.finishTime ? <Ago date={r.lastScan.finishTime} className="font-size-m" /> : <span>—</span>}
              <ExternalLink href={r.lastBuild?.webUrl} className="font-size-s text-ellipsis" tooltip={`Open build ${r.lastScan.buildNumber} of ${r.lastScan.pipeline}`}>
                {`${r.lastScan.pipeline} #${r.lastScan.buildNumber}`}
              </ExternalLink>
            </div>
          ) : (
            '—'
          ),
      },
    ],
    [onOpen, comparing],
  );
  const { sorted, tableColumns, behavior } = useSortedTable(initial, columns, null);
  const provider = React.useMemo(() => new ArrayItemProvider(sorted), [sorted]);
  return (
    <Card className={`flex-grow bolt-table-card drcheck-subscriptions-card ${props.className ?? ''}`} contentProps={{ contentPadding: false }}>
      <Table<SubscriptionView>
        ariaLabel="Landing-zone subscriptions"
        className="drcheck-subscriptions"
        columns={tableColumns}
        itemProvider={provider}
        behaviors={[behavior]}
        singleClickActivation={true}
        onActivate={(_e, row) => onOpen(row.data)}
        containerClassName="h-scroll-auto"
      />
    </Card>
  );
}

export { SortOrder };
