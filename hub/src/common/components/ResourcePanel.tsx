/**
 * A resource's details in a side panel: why its redundancy is what it is, every finding with all uplift
 * options, what changed since the previous run, and where it is written.
 */
import * as React from 'react';
import { Panel } from 'azure-devops-ui/Panel';
import type { Change } from '../../../../shared/engine/diff';
import { isRegression, landingZoneOf, serviceLabel, sourceLink, type ResourceItem, type RunContext } from '../model';
import { ExternalLink, PostureStatusCell, RedundancyPills } from './bits';

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <div className="drcheck-field">
      <div className="secondary-text font-size-s drcheck-field-label">{props.label}</div>
      <div className="drcheck-field-value">{props.children}</div>
    </div>
  );
}

export function ResourcePanel(props: { item: ResourceItem; run: RunContext | undefined; changes: Change[]; onDismiss: () => void }) {
  const { item: it, run } = props;
  // The module calls that deploy it; read defensively, as everything in an attachment is.
  const via = Array.isArray(it.via) ? it.via.filter((v) => v && typeof v.file === 'string' && typeof v.line === 'number') : [];
  return (
    <Panel
      onDismiss={props.onDismiss}
      titleProps={{ text: it.name ?? it.address }}
      description={`${serviceLabel(it.service, it.type)} · ${landingZoneOf(it)}${it.subscription ? ` · ${it.subscription}` : ''}`}
      className="drcheck-panel"
      footerButtonProps={[{ text: 'Close', onClick: props.onDismiss }]}
    >
      <div className="flex-column rhythm-vertical-16 drcheck-panel-body">
        <div className="flex-row flex-center rhythm-horizontal-16">
          <PostureStatusCell status={it.status} />
          <RedundancyPills redundancy={it.redundancy} required={it.required} detail={it.redundancyDetail} />
        </div>
        <Field label="Why">{it.reason}</Field>
        {props.changes.length ? (
          <Field label="Since the previous run">
            <ul className="drcheck-list">
              {props.changes.map((c, i) => (
                <li key={i} className={isRegression(c) ? 'drcheck-bad' : 'drcheck-good'}>
                  {c.message}
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
        {it.findings.length ? (
          <Field label="Findings and how to uplift">
            <ul className="drcheck-list">
              {it.findings.map((f, i) => (
                <li key={`${f.ruleId}-${i}`} className="drcheck-finding">
                  <div>
                    <span className={`drcheck-severity drcheck-severity-${f.severity}`}>{f.severity}</span> {f.message}
                  </div>
                  {f.suppressed ? (
                    <div className="secondary-text">{`Suppressed${f.suppressed.expires ? ` until ${f.suppressed.expires}` : ''}: ${f.suppressed.justification}`}</div>
                  ) : null}
                  {f.uplift.length ? (
                    <ul className="drcheck-uplift-list">
                      {f.uplift.map((u, j) => (
                        <li key={j}>
                          <ExternalLink href={u.url}>{u.title}</ExternalLink>
                          {u.reaches ? <span className="secondary-text">{` (reaches ${u.reaches})`}</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <div className="secondary-text font-size-s">{f.ruleId}</div>
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
        <Field label="Recovered by">
          {it.responsibility ? `Component: ${it.responsibility.component} · workload and configuration: ${it.responsibility.workload}` : 'Not stated in the catalog'}
        </Field>
        <Field label="Source">
          <ExternalLink href={sourceLink(it, run)}>{`${it.file}:${it.line}:${it.column}`}</ExternalLink>
          <div className="secondary-text font-size-s">{`${it.language}${it.terraformType ? ` · ${it.terraformType}` : ''} · ${it.address}`}</div>
          {via.length ? (
            <div className="secondary-text font-size-s drcheck-via">
              {'Deployed through '}
              {via.map((v, i) => (
                <span key={i}>
                  {i ? ' → ' : ''}
                  <ExternalLink href={sourceLink({ file: v.file, line: v.line, column: 1 }, run)}>{`${v.file}:${v.line}`}</ExternalLink>
                </span>
              ))}
            </div>
          ) : null}
        </Field>
        <Field label="Scanned by">
          {run ? <ExternalLink href={run.build.webUrl}>{`${run.pipeline} #${run.build.buildNumber}`}</ExternalLink> : it.pipeline}
        </Field>
        <Field label="Resource">
          <div className="drcheck-mono">{it.type}</div>
          <div className="secondary-text font-size-s drcheck-mono">{it.id}</div>
          {it.location ? <div className="secondary-text font-size-s">{`Location: ${it.location}`}</div> : null}
        </Field>
      </div>
    </Panel>
  );
}
