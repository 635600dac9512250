import type { ReactNode } from 'react';
import { CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Flex, theme } from 'antd';
import { ShellHeading, ShellText } from './shell-text';

/**
 * A full-width notice with a large status icon, a title, a line of explanation and actions: what
 * antd's `Result` shows for its icon statuses, without the 403/404/500 illustrations that come with
 * it. Used on the two screens the first load must be able to show on its own (a crashed page, a
 * session that could not be loaded); the 403 and 404 pages, loaded on demand, keep `Result`.
 */
export function StatusNotice(props: { status: 'error' | 'warning'; title: string; subTitle?: string; extra?: ReactNode }) {
  const { token } = theme.useToken();
  const Icon = props.status === 'error' ? CloseCircleFilled : ExclamationCircleFilled;
  return (
    <Flex vertical align="center" gap={8} role="alert" style={{ padding: '48px 32px', textAlign: 'center' }}>
      <Icon style={{ fontSize: 72, color: props.status === 'error' ? token.colorError : token.colorWarning, marginBottom: 16 }} />
      <ShellHeading>{props.title}</ShellHeading>
      {props.subTitle && <ShellText type="secondary">{props.subTitle}</ShellText>}
      {props.extra && <div style={{ marginTop: 24 }}>{props.extra}</div>}
    </Flex>
  );
}
