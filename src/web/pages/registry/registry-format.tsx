import { useState, type ReactNode } from 'react';
import { App, Button, Flex, Tag, Typography, type FormInstance } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { UnitStatus } from '../../../common/registry';
import { ApiError, type QueryValue } from '../../api/client';
import { downloadFile, type ExportResource, type StaffMember } from '../../api/registry';
import { useRegistryI18n } from './use-registry-i18n';

/** Colours of the unit statuses, used by the grid, its legend and the status tags. */
export const STATUS_STYLE: Record<UnitStatus, { background: string; border: string; color: string; tag: string }> = {
  occupied: { background: '#e3f1e7', border: '#52a06a', color: '#1f5c33', tag: 'green' },
  vacant: { background: '#f4f5f7', border: '#b8bec7', color: '#4a5361', tag: 'default' },
  decorating: { background: '#fff3dc', border: '#e0a43a', color: '#7a4b00', tag: 'orange' },
};

/** A unit status as a coloured tag. */
export function StatusTag({ status }: { status: UnitStatus }) {
  const { label } = useRegistryI18n();
  return (
    <Tag color={STATUS_STYLE[status].tag} style={{ marginInlineEnd: 0 }} data-status={status}>
      {label('status', status)}
    </Tag>
  );
}

/** Title, one line of explanation and the page's actions, wrapping on phones. */
export function PageHeading({ title, description, extra }: { title: ReactNode; description?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={12} wrap>
      <div style={{ minWidth: 0, flex: '1 1 320px' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {title}
        </Typography.Title>
        {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

/**
 * Puts the server's per-field messages on the form's inputs. Paths such as `units.0.unitId`
 * become `['units', 0, 'unitId']`; messages for fields the form does not have are returned.
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown, known: (path: (string | number)[]) => boolean): string[] {
  if (!(error instanceof ApiError)) return [];
  const leftover: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [path, message] of Object.entries(error.fields)) {
    const name = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    // A message on one tag of a tags input (plates.0) belongs to the whole input.
    const target = known(name) ? name : known(name.slice(0, 1)) ? name.slice(0, 1) : null;
    if (target) fields.push({ name: target, errors: [message] });
    else leftover.push(message);
  }
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return leftover;
}

/** An export button: downloads the list with its current filters as xlsx. */
export function ExportButton({ resource, query }: { resource: ExportResource; query: Record<string, QueryValue> }) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(`/api/v1/${resource}/export`, query, `${resource}.xlsx`, locale);
      message.success(t('export.done', { name }));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={`export-${resource}`}>
      {t('export.button')}
    </Button>
  );
}

/** Training state of a staff member: cleared for solo work, or in training with days left. */
export function trainingState(staff: Pick<StaffMember, 'clearedForSoloWork' | 'trainingStartedOn' | 'trainingCompletableOn'>) {
  if (staff.clearedForSoloWork) return { cleared: true as const, daysLeft: 0 };
  const until = staff.trainingCompletableOn ? dayjs(staff.trainingCompletableOn) : null;
  const daysLeft = until ? Math.max(0, until.diff(dayjs().startOf('day'), 'day')) : null;
  return { cleared: false as const, daysLeft, started: Boolean(staff.trainingStartedOn) };
}

/** 岗前培训中（还需 N 天） or 可独立上岗, as a tag. */
export function TrainingTag({ staff }: { staff: Pick<StaffMember, 'clearedForSoloWork' | 'trainingStartedOn' | 'trainingCompletableOn'> }) {
  const { t } = useRegistryI18n();
  const state = trainingState(staff);
  if (state.cleared) {
    return (
      <Tag color="green" style={{ marginInlineEnd: 0 }} data-training="cleared">
        {t('staff.cleared')}
      </Tag>
    );
  }
  if (!state.started) {
    return (
      <Tag color="default" style={{ marginInlineEnd: 0 }} data-training="not-started">
        {t('staff.trainingNotStarted')}
      </Tag>
    );
  }
  return (
    <Tag color="gold" style={{ marginInlineEnd: 0 }} data-training="in-training">
      {state.daysLeft ? t('staff.inTrainingDays', { days: state.daysLeft }) : t('staff.inTrainingDue')}
    </Tag>
  );
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export const today = () => dayjs().format('YYYY-MM-DD');

/** A number with its unit, or a dash. */
export function formatArea(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return `${value.toLocaleString(locale, { maximumFractionDigits: 2 })} ㎡`;
}
