/**
 * Drill-down into one landing-zone subscription: its summary, what changed since the previous run, and
 * its resources (under the page's filters), with a details panel per resource.
 */
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import type { Change } from '../../../../shared/engine/diff';
import { count, pct, plural } from '../format';
import { isRegression, landingZoneOf, type ResourceItem, type RunContext, type SubscriptionView } from '../model';
import { ExternalLink } from './bits';
import { ResourcePanel } from './ResourcePanel';
import { ResourcesTable } from './ResourcesTable';

const CHANGES_SHOWN = 8;

function ChangesCard(props: { changes: Change[] }) {
  const regressions = props.changes.filter(isRegression);
  const improvements = props.changes.filter((c) => !isRegression(c));
  if (!props.changes.length) return null;
  const shown = [...regressions, ...improvements].slice(0, CHANGES_SHOWN);
  return (
    <Card
      className="drcheck-changes"
      titleProps={{ text: 'Since the previous run', size: TitleSize.Small }}
      headerDescriptionProps={{ text: `${plural(regressions.length, 'regression')}, ${plural(improvements.length, 'improvement')}` }}
      collapsible={true}
    >
      <ul className="drcheck-list">
        {shown.map((c, i) => (
          <li key={i} className={isRegression(c) ? 'drcheck-change-bad' : 'drcheck-change-good'}>
            <span aria-hidden="true">{isRegression(c) ? '▼ ' : '▲ '}</span>
            {c.message}
          </li>
        ))}
        {props.changes.length > shown.length ? <li className="secondary-text">{`… and ${count(props.changes.length - shown.length)} more`}</li> : null}
      </ul>
    </Card>
  );
}

export function SubscriptionDetail(props: {
  row: SubscriptionView;
  items: ResourceItem[];
  filtered: boolean;
  runs: Map<string, RunContext>;
  changes: Map<string, Change[]>;
  onBack?: () => void;
}) {
  const { row, items, runs, changes } = props;
  const [open, setOpen] = React.useState<ResourceItem | null>(null);
  const rowChanges = React.useMemo(() => row.items.flatMap((it) => changes.get(it.id) ?? []), [row, changes]);
  const lastRun = row.lastScan ? runs.get(row.lastScan.buildUrl) : undefined;
  return (
    <div className="flex-column rhythm-vertical-16 drcheck-detail">
      <Header
        title={`${landingZoneOf(row)} · ${row.subscription ?? 'no subscription'}`}
        titleSize={TitleSize.Medium}
        titleClassName="drcheck-detail-title"
        description={
          <span className="drcheck-detail-description">
            {`${plural(row.resources, 'resource')} · ${count(row.fail)} failing · ${count(row.unknown)} unknown · ${pct(row.meetingStrategy)} meet the strategy`}
            {row.lastScan ? (
              <>
                {' · last scanned by '}
                <ExternalLink href={lastRun?.build.webUrl}>{`${row.lastScan.pipeline} #${row.lastScan.buildNumber}`}</ExternalLink>
              </>
            ) : null}
          </span>
        }
        backButtonProps={props.onBack ? { onClick: props.onBack, ariaLabel: 'Back to the subscriptions' } : undefined}
      />
      <ChangesCard changes={rowChanges} />
      {props.filtered ? (
        <div className="secondary-text drcheck-filtered-note">{`Showing ${count(items.length)} of ${plural(row.items.length, 'resource')} (filtered).`}</div>
      ) : null}
      {items.length ? (
        <ResourcesTable items={items} runs={runs} changes={changes} onOpen={setOpen} />
      ) : (
        <MessageCard severity={MessageCardSeverity.Info} className="drcheck-nomatch">
          No resource of this subscription matches the filters.
        </MessageCard>
      )}
      {open ? <ResourcePanel item={open} run={runs.get(open.buildUrl)} changes={changes.get(open.id) ?? []} onDismiss={() => setOpen(null)} /> : null}
    </div>
  );
}
