/**
 * The top of the Subscriptions view: how the visible subscriptions fare (share meeting the strategy,
 * failing, unknown, regressions) and what to do next (the most widespread uplift actions).
 */
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { TitleSize } from 'azure-devops-ui/Header';
import type { SubscriptionSummary } from '../../../../shared/report/types';
import { count, pct, plural } from '../format';
import { serviceLabel, type Totals } from '../model';
import { ExternalLink } from './bits';

function Kpi(props: { label: string; value: string; tone?: 'bad' | 'warn' | 'good'; hint?: string; id: string }) {
  return (
    <div className="flex-column drcheck-kpi" data-kpi={props.id} title={props.hint}>
      <span className={`drcheck-kpi-value ${props.tone ? `drcheck-${props.tone}` : ''}`}>{props.value}</span>
      <span className="secondary-text font-size-s">{props.label}</span>
    </div>
  );
}

export function Summary(props: { totals: Totals; actions: SubscriptionSummary['topActions']; comparing: boolean; strategies: string[] }) {
  const t = props.totals;
  return (
    <div className="flex-row flex-wrap drcheck-summary">
      <Card
        className="drcheck-kpis flex-grow"
        titleProps={{ text: 'If a region fails today', size: TitleSize.Small }}
        headerDescriptionProps={{ text: props.strategies.length ? `Judged against the ${props.strategies.join(' / ')} strategy` : undefined }}
      >
        <div className="flex-row flex-wrap drcheck-kpi-row">
          <Kpi id="meeting" label="resources meet the strategy" value={pct(t.meetingStrategy)} tone={t.meetingStrategy >= 0.999 ? 'good' : t.meetingStrategy >= 0.8 ? 'warn' : 'bad'} hint={`${count(t.pass + t.suppressed)} of ${count(t.resources)} resources`} />
          <Kpi id="fail" label="failing" value={count(t.fail)} tone={t.fail ? 'bad' : undefined} />
          <Kpi id="unknown" label="unknown" value={count(t.unknown)} tone={t.unknown ? 'warn' : undefined} hint="Redundancy that depends on values only known at deployment" />
          <Kpi id="regressions" label="regressed since the previous run" value={props.comparing && !t.regressions ? '…' : count(t.regressions)} tone={t.regressions ? 'bad' : undefined} />
          <Kpi id="scope" label={`subscriptions, ${plural(t.resources, 'resource')} (${pct(t.resources ? t.stateful / t.resources : 0)} stateful)`} value={count(t.subscriptions)} />
        </div>
      </Card>
      <Card className="drcheck-next flex-grow" titleProps={{ text: 'What to do next', size: TitleSize.Small }}>
        {props.actions.length ? (
          <ol className="drcheck-actions">
            {props.actions.map((a) => (
              <li key={a.ruleId} className="drcheck-action">
                <span className="flex-row flex-baseline">
                  <ExternalLink href={a.url} className="drcheck-action-title text-ellipsis" tooltip={`${a.title} (${a.service ? serviceLabel(a.service, '') : a.ruleId})`}>
                    {a.title}
                  </ExternalLink>
                  <span className="secondary-text font-size-s drcheck-action-count">{plural(a.resources, 'resource')}</span>
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <span className="secondary-text">Nothing to uplift: every resource in view meets the strategy or is suppressed.</span>
        )}
      </Card>
    </div>
  );
}
