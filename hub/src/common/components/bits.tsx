/**
 * Small pieces shared by the hub's views: redundancy pills, posture status, the "meets the strategy" meter,
 * external links (https only) and the regression count.
 */
import * as React from 'react';
import { Link } from 'azure-devops-ui/Link';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { Status, Statuses, StatusSize, type IStatusProps } from 'azure-devops-ui/Status';
import type { Redundancy, Status as PostureStatus } from '../../../../shared/model/posture';
import { httpsOnly } from '../data/api';
import { pct } from '../format';
import { STATUS_LABEL } from '../model';

const STATUS_ICON: Record<PostureStatus, IStatusProps> = {
  pass: Statuses.Success,
  fail: Statuses.Failed,
  unknown: Statuses.Warning,
  suppressed: Statuses.Skipped,
};

export function PostureStatusCell(props: { status: PostureStatus }) {
  return (
    <span className="flex-row flex-center drcheck-status" data-status={props.status}>
      <Status {...STATUS_ICON[props.status]} size={StatusSize.m} className="flex-noshrink" ariaLabel={STATUS_LABEL[props.status]} />
      <span className="margin-left-8">{STATUS_LABEL[props.status]}</span>
    </span>
  );
}

/** Mid-saturation colours that read on light and dark backgrounds; the pill picks its text colour. */
const LEVEL_COLOR: Record<Redundancy, { red: number; green: number; blue: number }> = {
  none: { red: 209, green: 52, blue: 56 },
  local: { red: 227, green: 113, blue: 36 },
  zone: { red: 236, green: 178, blue: 40 },
  geo: { red: 84, green: 164, blue: 96 },
  'multi-region': { red: 16, green: 124, blue: 16 },
  managed: { red: 0, green: 120, blue: 212 },
  unknown: { red: 138, green: 136, blue: 134 },
};

export const LEVEL_TEXT: Record<Redundancy, string> = {
  none: 'none',
  local: 'local',
  zone: 'zone',
  geo: 'geo',
  'multi-region': 'multi-region',
  managed: 'managed',
  unknown: 'unknown',
};

/** What the resource has (coloured) and what the strategy requires (outlined). */
export function RedundancyPills(props: { redundancy: Redundancy; required: Redundancy; detail?: string }) {
  return (
    <span className="flex-row flex-center drcheck-levels" aria-label={`has ${props.redundancy}, requires ${props.required}`}>
      <Pill
        size={PillSize.compact}
        variant={PillVariant.colored}
        // Nothing required: the level is information, not a warning sign.
        color={props.required === 'none' && props.redundancy !== 'managed' ? LEVEL_COLOR.unknown : LEVEL_COLOR[props.redundancy] ?? LEVEL_COLOR.unknown}
        className="drcheck-level-has"
      >
        {props.detail ? `${LEVEL_TEXT[props.redundancy]} (${props.detail})` : LEVEL_TEXT[props.redundancy] ?? props.redundancy}
      </Pill>
      <span className="secondary-text drcheck-arrow" aria-hidden="true">
        →
      </span>
      <Pill size={PillSize.compact} variant={PillVariant.outlined} className="drcheck-level-required">
        {props.required === 'none' ? 'no requirement' : `needs ${LEVEL_TEXT[props.required] ?? props.required}`}
      </Pill>
    </span>
  );
}

/** A bar and a percentage for the share meeting the strategy. */
export function Meter(props: { share: number; className?: string }) {
  const level = props.share >= 0.999 ? 'good' : props.share >= 0.8 ? 'fair' : 'poor';
  return (
    <span className={`flex-row flex-center drcheck-meter ${props.className ?? ''}`} data-level={level}>
      <span className="drcheck-meter-track" aria-hidden="true">
        <span className="drcheck-meter-fill" style={{ width: `${Math.round(props.share * 100)}%` }} />
      </span>
      <span className="drcheck-meter-text">{pct(props.share)}</span>
    </span>
  );
}

/** A link that leaves the hub: only https targets, opened in a new tab; anything else is plain text. */
export function ExternalLink(props: { href: string | null | undefined; children: React.ReactNode; className?: string; ariaLabel?: string; tooltip?: string }) {
  const href = httpsOnly(props.href);
  if (!href) return <span className={props.className}>{props.children}</span>;
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" className={props.className} ariaLabel={props.ariaLabel} tooltipProps={props.tooltip ? { text: props.tooltip } : undefined}>
      {props.children}
    </Link>
  );
}

export function RegressionCount(props: { n: number; pending: boolean }) {
  if (props.pending && props.n === 0) return <span className="secondary-text" aria-label="comparing with the previous run">…</span>;
  if (!props.n) return <span className="secondary-text">0</span>;
  return (
    <span className="drcheck-regressions" aria-label={`${props.n} regressions since the previous run`}>
      ▼ {props.n}
    </span>
  );
}
