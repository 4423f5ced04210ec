/**
 * Starting an extension page: the SDK handshake (theme from the host), an error boundary, and a message
 * in the page instead of a blank frame when anything fails, before or after the first render.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { describeFailure } from './data/api';

export interface HostServices {
  /** Organisation id (cache scope) and name. */
  host: { id: string; name: string };
  getService<T>(id: string): Promise<T>;
}

class ErrorBoundary extends React.Component<{ children: React.ReactNode; what: string }, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  render() {
    if (this.state.error) return <StartupError text={`The ${this.props.what} stopped: ${this.state.error}.`} />;
    return this.props.children;
  }
}

function StartupError(props: { text: string }) {
  return (
    <div className="page-content page-content-top drcheck-startup-error">
      <MessageCard severity={MessageCardSeverity.Error}>{`${props.text} Reload the page; if it persists, report it with this message.`}</MessageCard>
    </div>
  );
}

/** Runs the handshake, renders what `start` returns, and always tells the host the frame is ready. */
export async function startExtension(what: string, start: (services: HostServices) => Promise<React.ReactElement>): Promise<void> {
  const root = document.getElementById('root');
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  try {
    const host = SDK.getHost();
    const element = await start({ host: { id: host.id, name: host.name }, getService: (id) => SDK.getService(id) });
    ReactDOM.render(<ErrorBoundary what={what}>{element}</ErrorBoundary>, root);
  } catch (e) {
    ReactDOM.render(<StartupError text={describeFailure(e, `starting the ${what}`)} />, root);
  }
  // Our own message is clearer than the host's generic failure, so the frame is always shown.
  await SDK.notifyLoadSucceeded();
}
