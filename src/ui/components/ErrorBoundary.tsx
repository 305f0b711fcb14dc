/**
 * A screen that throws while rendering shows a plain error page instead of a blank app. Nothing on
 * the device is touched: the page only says so and links back to the start. `resetKey` (the route)
 * clears the error, so navigating away is enough to recover.
 */
import { Component, type ComponentChildren } from 'preact';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/messages';
import { PageHeading } from './PageHeading';

/** A page that says what happened and links to the start page. */
export function ProblemPage({ title, text }: { title: string; text: string }) {
  return (
    <div class="page page--narrow" role="alert">
      <PageHeading focus={true}>{title}</PageHeading>
      <p>{text}</p>
      <p>
        <a class="button button--primary" href={paths.list}>
          {t.app.errorHome}
        </a>
      </p>
    </div>
  );
}

interface Props {
  children: ComponentChildren;
  resetKey?: unknown;
}

export class ErrorBoundary extends Component<Props, { error: unknown }> {
  override state = { error: null as unknown };

  static override getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    console.error('A screen failed to render', error);
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error !== null && previous.resetKey !== this.props.resetKey)
      this.setState({ error: null });
  }

  override render() {
    if (this.state.error !== null) return <ProblemPage title={t.app.errorTitle} text={t.app.errorText} />;
    return this.props.children;
  }
}
