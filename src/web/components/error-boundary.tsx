import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPage } from '../pages/error/error-page';

interface State {
  error: Error | null;
}

/**
 * Catches render errors below it and shows the error page instead of a blank screen. Keyed by
 * route in the console, so navigating away clears it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Unhandled error in the web app', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error ? <ErrorPage /> : this.props.children;
  }
}
