/**
 * What the hub shows before any pipeline has published a DR posture: the YAML that adds the task.
 */
import * as React from 'react';
import { ClipboardButton } from 'azure-devops-ui/Clipboard';
import { ZeroData, ZeroDataActionType } from 'azure-devops-ui/ZeroData';

export const TASK_SNIPPET = `steps:
  - task: DrCheck@1
    displayName: DR posture
    inputs:
      paths: infra              # folders, files or globs with ARM, Bicep or Terraform
      strategy: redeploy        # redeploy | warm-spare | hot-spare | active-active
      failOn: never             # record the posture on the default branch`;

export const DOCS_URL = 'https://learn.microsoft.com/azure/architecture/data-guide/disaster-recovery/dr-for-azure-data-platform-overview';

export function ZeroState(props: { scope: string }) {
  return (
    <ZeroData
      className="drcheck-zero"
      iconProps={{ iconName: 'Shield' }}
      imageAltText=""
      primaryText="No DR posture yet"
      secondaryText={
        <div className="flex-column rhythm-vertical-8 drcheck-zero-body">
          <span>{`No pipeline in ${props.scope} has run the DrCheck task yet. Add it to the pipeline that builds your infrastructure-as-code; the posture of its next run on the default branch appears here.`}</span>
          <div className="drcheck-snippet-box">
            <pre className="drcheck-snippet" aria-label="Pipeline YAML">
              {TASK_SNIPPET}
            </pre>
            <ClipboardButton className="drcheck-copy" getContent={() => TASK_SNIPPET} ariaLabel="Copy the YAML" showCopiedTooltip="Copied" />
          </div>
        </div>
      }
      actionType={ZeroDataActionType.link}
      actionText="How drcheck judges disaster recovery"
      actionHref={DOCS_URL}
      actionButtonProps={{ target: '_blank', rel: 'noopener noreferrer' }}
    />
  );
}
