import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { QueryValue } from '../api/client';
import { downloadFile } from '../api/registry';
import { useI18n } from '../i18n/i18n-context';

/**
 * "导出 Excel": downloads `path` with the screen's current filters. A refused export (past its
 * cap, or not allowed) shows the server's message, which says how many records matched.
 */
export function DownloadButton({ path, query, fileName, testId }: { path: string; query: Record<string, QueryValue>; fileName: string; testId?: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(path, query, fileName, locale);
      message.success(t('common.exported', { name }));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {t('common.export')}
    </Button>
  );
}
