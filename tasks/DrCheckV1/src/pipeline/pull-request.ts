/**
 * Tells the pull request: a status (genre `drcheck`, name `dr-posture`) that a branch policy can require,
 * posted against the latest iteration so it resets on new pushes, and one comment thread kept up to date
 * in place (never a new thread per push), resolved when the regressions are gone.
 */
import { CommentThreadStatus, CommentType, GitStatusState, type GitPullRequestCommentThread } from 'azure-devops-node-api/interfaces/GitInterfaces';
import type { IGitApi } from 'azure-devops-node-api/GitApi';
import type { PostureDiff } from '../../../../shared/engine/diff';
import type { PostureReport } from '../../../../shared/report/types';
import { renderPrComment, THREAD_MARKER, type CommentOptions } from './comment';
import { authenticatedIdentity, connect, expectArray, PERMISSION, withRetry } from './ado';
import type { BuildContext } from './inputs';

export const STATUS_CONTEXT = { genre: 'drcheck', name: 'dr-posture' };
/** Thread statuses a person chose (won't fix, closed, by design): drcheck updates the text but leaves these alone. */
const SET_BY_PEOPLE = new Set([CommentThreadStatus.WontFix, CommentThreadStatus.Closed, CommentThreadStatus.ByDesign]);

export interface PrOutcome {
  status: 'succeeded' | 'failed';
  iterationId: number | undefined;
  thread: 'created' | 'updated' | 'resolved' | 'reopened' | 'unchanged' | 'none';
  /** Things that went wrong without stopping the rest (shown as warnings). */
  problems: string[];
}

export interface PrRequest {
  report: PostureReport;
  diff: PostureDiff | null;
  /** The gate's answer for the status (failed on regressions, or per failOn without a baseline). */
  failed: boolean;
  /** One line for the status description. */
  description: string;
  build: BuildContext;
  comment: Omit<CommentOptions, 'failed'>;
}

/** The first comment of a thread drcheck created: it carries the marker and (when known) our identity wrote it. */
function isOurs(thread: GitPullRequestCommentThread, me: string | undefined): boolean {
  if (thread.isDeleted) return false;
  const first = thread.comments?.find((c) => c.id === 1) ?? thread.comments?.[0];
  if (!first || typeof first.content !== 'string' || !first.content.startsWith(THREAD_MARKER)) return false;
  const author = first.author?.id?.toLowerCase();
  return !me || !author || author === me;
}

export async function tellPullRequest(req: PrRequest): Promise<PrOutcome> {
  const { build } = req;
  const conn = connect(build.collectionUri);
  if ('error' in conn) throw new Error(conn.error);
  const { repositoryId: repo, pullRequestId: pr, project } = build;
  if (!repo || !pr || !project) throw new Error('the pull request, repository or project is not known (System.PullRequest.PullRequestId, Build.Repository.ID, System.TeamProject)');
  const git = await withRetry('connecting to the Git service', () => conn.api.getGitApi());
  const problems: string[] = [];

  // The latest iteration, so a status-check policy with "reset on new changes" resets on the next push.
  let iterationId: number | undefined;
  try {
    const iterations = expectArray('reading the pull request iterations', await withRetry('reading the pull request iterations', () => git.getPullRequestIterations(repo, pr, project), { permission: PERMISSION.pullRequest }));
    iterationId = iterations.reduce((m, i) => Math.max(m, typeof i.id === 'number' ? i.id : 0), 0) || undefined;
  } catch (e) {
    problems.push(`${(e as Error).message}; the status is posted without an iteration, so it does not reset on new pushes`);
  }

  const state = req.failed ? GitStatusState.Failed : GitStatusState.Succeeded;
  await withRetry(
    'posting the pull request status',
    () => git.createPullRequestStatus({ context: STATUS_CONTEXT, state, description: req.description.slice(0, 250), ...(req.comment.buildUrl ? { targetUrl: req.comment.buildUrl } : {}), ...(iterationId ? { iterationId } : {}) }, repo, pr, project),
    { permission: PERMISSION.pullRequest },
  );
  const status = req.failed ? 'failed' : 'succeeded';

  try {
    const thread = await keepThread(req, git, repo, pr, project, await authenticatedIdentity(conn));
    return { status, iterationId, thread, problems };
  } catch (e) {
    problems.push((e as Error).message);
    return { status, iterationId, thread: 'none', problems };
  }
}

async function keepThread(req: PrRequest, git: IGitApi, repo: string, pr: number, project: string, me: string | undefined): Promise<PrOutcome['thread']> {
  const threads = expectArray('reading the pull request threads', await withRetry('reading the pull request threads', () => git.getThreads(repo, pr, project), { permission: PERMISSION.pullRequest }));
  const mine = threads.find((t) => isOurs(t, me));
  const regressions = req.diff?.regressions.length ?? 0;
  // Also what a reviewer should see though it does not fail: a regression accepted by a suppression, a lower strategy.
  const news = regressions > 0 || (req.diff?.improvements.length ?? 0) > 0 || (req.diff?.accepted.length ?? 0) > 0 || !!req.diff?.strategyLowered;
  const content = renderPrComment(req.report, req.diff, { ...req.comment, failed: req.failed });
  const wanted = req.failed || regressions > 0 ? CommentThreadStatus.Active : CommentThreadStatus.Fixed;

  if (!mine) {
    // Nothing to say and nothing said before: no comment (a clean PR stays quiet; the status tells).
    if (!news && !req.failed) return 'none';
    await withRetry('creating the pull request comment', () => git.createThread({ comments: [{ parentCommentId: 0, content, commentType: CommentType.Text }], status: wanted }, repo, pr, project), { permission: PERMISSION.pullRequest });
    return 'created';
  }
  const first = mine.comments?.find((c) => c.id === 1) ?? mine.comments![0];
  const changedText = first.content !== content;
  if (changedText) await withRetry('updating the pull request comment', () => git.updateComment({ content }, repo, pr, mine.id!, first.id!, project), { permission: PERMISSION.pullRequest });
  const current = mine.status ?? CommentThreadStatus.Unknown;
  if (current !== wanted && !SET_BY_PEOPLE.has(current)) {
    await withRetry('updating the pull request thread', () => git.updateThread({ status: wanted }, repo, pr, mine.id!, project), { permission: PERMISSION.pullRequest });
    return wanted === CommentThreadStatus.Fixed ? 'resolved' : 'reopened';
  }
  return changedText ? 'updated' : 'unchanged';
}
