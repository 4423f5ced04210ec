/**
 * Writes the reports and hands them to the agent through task-lib's logging commands: SARIF as the
 * CodeAnalysisLogs artifact, JUnit to the Tests tab, the Markdown summary, posture.json as a build attachment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tl from 'azure-pipelines-task-lib/task';
import { ATTACHMENT_TYPE, type PostureReport } from '../../../../shared/report/types';
import { PUBLISHERS, type PublishContext } from '../publishers';
import { escapeLogLine } from '../publishers/escape';
import type { TaskInputs } from './inputs';

export interface Written {
  postureFile: string;
  problems: string[];
}

function write(file: string, text: string, problems: string[]): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return true;
  } catch (e) {
    problems.push(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return false;
  }
}

export function publishReports(report: PostureReport, inputs: TaskInputs, ctx: PublishContext): Written {
  const problems: string[] = [];
  const dir = path.join(inputs.stagingDirectory, 'drcheck');
  const postureFile = path.join(dir, 'posture.json');
  if (write(postureFile, PUBLISHERS.json(report), problems)) {
    tl.addAttachment(ATTACHMENT_TYPE, 'posture.json', postureFile);
    // The hub finds posture builds by this tag instead of listing every build's attachments.
    tl.addBuildTag('drcheck');
  }
  // The summary section is titled after the file name.
  const summary = path.join(dir, 'DR posture.md');
  if (write(summary, PUBLISHERS.markdown(report, ctx), problems)) tl.uploadSummary(summary);
  if (inputs.publishTestResults) {
    const junit = path.join(dir, 'drcheck-junit.xml');
    if (write(junit, PUBLISHERS.junit(report), problems)) new tl.TestPublisher('JUnit').publish([junit], 'false', '', '', `DR posture (${report.strategy})`, 'false');
  }
  if (inputs.publishSarif) {
    const sarifDir = path.join(inputs.stagingDirectory, 'CodeAnalysisLogs');
    const sarif = path.join(sarifDir, 'drcheck.sarif');
    if (write(sarif, PUBLISHERS.sarif(report), problems)) tl.uploadArtifact('CodeAnalysisLogs', sarifDir, 'CodeAnalysisLogs');
  }
  if (fs.existsSync(postureFile)) tl.uploadArtifact('drcheck', dir, 'drcheck');
  return { postureFile, problems };
}

/** Read problems and open findings as annotations (task.logissue) with file and line; capped to keep the log useful. */
export function annotate(report: PostureReport, limit = 200): void {
  let n = 0;
  for (const e of report.errors) {
    if (n++ >= limit) break;
    tl.logIssue(e.severity === 'error' ? tl.IssueType.Error : tl.IssueType.Warning, escapeLogLine(e.message), e.file, e.line || undefined, e.column || undefined, e.code);
  }
  for (const r of report.resources) {
    for (const f of r.findings) {
      if (f.suppressed || f.severity === 'note') continue;
      if (n++ >= limit) break;
      tl.logIssue(f.severity === 'error' ? tl.IssueType.Error : tl.IssueType.Warning, escapeLogLine(f.message), r.file, r.line, r.column, f.ruleId);
    }
  }
  if (n > limit) console.log(`drcheck: ${n - limit} more problems and findings are in posture.json and the SARIF log.`);
}
