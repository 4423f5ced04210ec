/**
 * Writes the reports and hands them to the agent through task-lib's logging commands: SARIF as the
 * CodeAnalysisLogs artifact, JUnit to the Tests tab, the Markdown build summary, posture.json as a build
 * attachment and artifact; read problems and findings as annotations with file and line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tl from 'azure-pipelines-task-lib/task';
import { ATTACHMENT_TYPE, type PostureReport } from '../../../../shared/report/types';
import { PUBLISHERS, type PublishContext } from '../publishers';
import { escapeLogLine } from '../publishers/escape';
import type { TaskInputs } from './inputs';

export const SARIF_ARTIFACT = 'CodeAnalysisLogs';
export const POSTURE_ARTIFACT = 'drcheck';

export interface Written {
  postureFile: string;
  sarifFile?: string;
  junitFile?: string;
  summaryFile?: string;
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

/**
 * `base.ext`, or `base-2.ext`, … when an earlier DrCheck step in the same job already wrote one: each step
 * keeps its own files in the shared staging folder and artifacts (uploads of one name add files).
 */
export function freeName(dir: string, base: string, ext: string, sep = '-'): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}${n === 1 ? '' : `${sep}${n}`}${ext}`);
    if (!fs.existsSync(file)) return file;
  }
}

export function publishReports(report: PostureReport, inputs: TaskInputs, ctx: PublishContext, opts: { artifacts: boolean }): Written {
  const problems: string[] = [];
  const dir = path.join(inputs.stagingDirectory, 'drcheck');
  const postureFile = freeName(dir, 'posture', '.json');
  const written: Written = { postureFile, problems };
  if (write(postureFile, PUBLISHERS.json(report), problems)) {
    // The hub and later pull requests read this attachment (type drcheck.posture).
    tl.addAttachment(ATTACHMENT_TYPE, path.basename(postureFile), postureFile);
    // The hub finds posture builds by this tag instead of listing every build's attachments.
    if (opts.artifacts) tl.addBuildTag('drcheck');
  }
  // The summary section is titled after the file name ("DR posture").
  const summary = freeName(dir, 'DR posture', '.md', ' ');
  if (write(summary, PUBLISHERS.markdown(report, ctx), problems)) {
    tl.uploadSummary(summary);
    written.summaryFile = summary;
  }
  if (inputs.publishTestResults) {
    const junit = freeName(dir, 'drcheck-junit', '.xml');
    if (write(junit, PUBLISHERS.junit(report), problems)) {
      new tl.TestPublisher('JUnit').publish([junit], 'false', '', '', `DR posture (${report.strategy})`, 'false');
      written.junitFile = junit;
    }
  }
  if (inputs.publishSarif) {
    const sarif = freeName(path.join(inputs.stagingDirectory, SARIF_ARTIFACT), 'drcheck', '.sarif');
    if (write(sarif, PUBLISHERS.sarif(report), problems)) {
      written.sarifFile = sarif;
      // Only our file: other tools (e.g. Microsoft Security DevOps) may share the CodeAnalysisLogs folder.
      if (opts.artifacts) tl.uploadArtifact(SARIF_ARTIFACT, sarif, SARIF_ARTIFACT);
    }
  }
  if (opts.artifacts && fs.existsSync(postureFile)) tl.uploadArtifact(POSTURE_ARTIFACT, dir, POSTURE_ARTIFACT);
  return written;
}

/**
 * Read problems and open findings as annotations (task.logissue) with file and line, capped to keep the log
 * useful. A finding is an error when it is what fails the run (`gating` says which resources), else a warning:
 * legacy findings on a passing pull request should not look like the reason it failed. Within the cap, what
 * matters most comes first: read errors, the findings that fail the run, the other findings, then read warnings
 * (hundreds of modules not followed must not crowd out the findings).
 */
export function annotate(report: PostureReport, gating: (resourceId: string) => boolean, limit = 200): void {
  let total = 0;
  const log = (type: tl.IssueType, message: string, file: string, line: number, column: number, code: string | undefined) => {
    if (total++ >= limit) return;
    tl.logIssue(type, escapeLogLine(message), file, line || undefined, column || undefined, code);
  };
  const readProblems = (severity: 'error' | 'warning') => {
    for (const e of report.errors) if ((e.severity === 'error') === (severity === 'error')) log(severity === 'error' ? tl.IssueType.Error : tl.IssueType.Warning, e.message, e.file, e.line, e.column, e.code);
  };
  const findings = (failing: boolean) => {
    for (const r of report.resources) {
      if (gating(r.id) !== failing) continue;
      for (const f of r.findings) {
        if (f.suppressed || f.severity === 'note') continue;
        log(failing ? tl.IssueType.Error : tl.IssueType.Warning, f.message, r.file, r.line, r.column, f.ruleId);
      }
    }
  };
  readProblems('error');
  findings(true);
  findings(false);
  readProblems('warning');
  if (total > limit) console.log(`drcheck: ${total - limit} more problems and findings are in posture.json and the SARIF log.`);
}
