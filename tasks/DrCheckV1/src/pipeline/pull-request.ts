/**
 * Tells the pull request: a status (genre `drcheck`, name `dr-posture`) that a branch policy can require,
 * posted against the latest iteration so it resets on new pushes, and one comment thread kept up to date.
 */
import { CommentThreadStatus, CommentType, GitStatusState } from 'azure-devops-node-api/interfaces/GitInterfaces';
import type { PostureDiff } from '../../../../shared/engine/diff';
import type { PostureReport } from '../../../../shared/report/types';
import { renderPrComment, THREAD_MARKER } from './comment';
import { connect, expectArray, withRetry } from './ado';
import type { BuildContext } from './inputs';

export const STATUS_CONTEXT = { genre: 'drcheck', name: 'dr-posture' };

export interface PrOutcome {
  status: 'succeeded' | 'failed';
  thread: 'created' | 'updated' | 'resolved' | 'none';
}

export async function tellPullRequest(report: PostureReport, diff: PostureDiff | null, failed: boolean, description: string, build: BuildContext, targetUrl: string | undefined, baselineNote: string): Promise<PrOutcome> {
  const conn = connect(build.collectionUri);
  if ('error' in conn) throw new Error(conn.error);
  const { repositoryId: repo, pullRequestId: pr, project } = build;
  if (!repo || !pr || !project) throw new Error('the pull request, repository or project is not known (System.PullRequest.PullRequestId, Build.Repository.ID, System.TeamProject)');
  const git = await withRetry('connecting to the Git service', () => conn.api.getGitApi());

  const iterations = expectArray('reading the pull request iterations', await withRetry('reading the pull request iterations', () => git.getPullRequestIterations(repo, pr, project)));
  const iterationId = iterations.reduce((m, i) => Math.max(m, i.id ?? 0), 0) || undefined;
  const state = failed ? GitStatusState.Failed : GitStatusState.Succeeded;
  await withRetry('posting the pull request status', () =>
    git.createPullRequestStatus({ context: STATUS_CONTEXT, state, description: description.slice(0, 250), ...(targetUrl ? { targetUrl } : {}), ...(iterationId ? { iterationId } : {}) }, repo, pr, project),
  );

  const threads = expectArray('reading the pull request threads', await withRetry('reading the pull request threads', () => git.getThreads(repo, pr, project)));
  const mine = threads.find((t) => !t.isDeleted && t.comments?.some((c) => c.id === 1 && typeof c.content === 'string' && c.content.includes(THREAD_MARKER)));
  const hasNews = !!diff && (diff.regressions.length > 0 || diff.improvements.length > 0);
  const content = renderPrComment(report, diff, { buildUrl: targetUrl, baselineNote, failed });
  const wanted = diff && diff.regressions.length ? CommentThreadStatus.Active : CommentThreadStatus.Fixed;
  if (!mine) {
    if (!hasNews && !failed) return { status: failed ? 'failed' : 'succeeded', thread: 'none' };
    await withRetry('creating the pull request comment', () => git.createThread({ comments: [{ parentCommentId: 0, content, commentType: CommentType.Text }], status: wanted }, repo, pr, project));
    return { status: failed ? 'failed' : 'succeeded', thread: 'created' };
  }
  await withRetry('updating the pull request comment', () => git.updateComment({ content }, repo, pr, mine.id!, 1, project));
  if (mine.status !== wanted) await withRetry('updating the pull request thread', () => git.updateThread({ status: wanted }, repo, pr, mine.id!, project));
  return { status: failed ? 'failed' : 'succeeded', thread: wanted === CommentThreadStatus.Fixed ? 'resolved' : 'updated' };
}
