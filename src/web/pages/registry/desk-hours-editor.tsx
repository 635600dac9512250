import { Button, Flex, TimePicker, Typography, theme } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { RegistryMessageKey } from './registry-messages';
import { useRegistryI18n } from './use-registry-i18n';

type Day = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export interface Interval {
  start: string;
  end: string;
}
/** Desk opening hours: ISO weekday → intervals; a day without intervals is closed. */
export interface DeskHours {
  weekly: Partial<Record<Day, Interval[]>>;
}

const DAYS: { day: Day; key: RegistryMessageKey }[] = [
  { day: '1', key: 'weekday.1' },
  { day: '2', key: 'weekday.2' },
  { day: '3', key: 'weekday.3' },
  { day: '4', key: 'weekday.4' },
  { day: '5', key: 'weekday.5' },
  { day: '6', key: 'weekday.6' },
  { day: '7', key: 'weekday.7' },
];
const FORMAT = 'HH:mm';

/** Read-only summary: "08:00–12:00, 13:00–17:00" per day, or 休息. */
export function DeskHoursView({ value }: { value: DeskHours | null | undefined }) {
  const { t } = useRegistryI18n();
  if (!value) return <Typography.Text type="secondary">{t('community.noDeskHours')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {DAYS.map(({ day, key }) => {
        const list = value.weekly[day] ?? [];
        return (
          <Flex key={day} gap={12}>
            <Typography.Text type="secondary" style={{ width: 48, flex: 'none' }}>
              {t(key)}
            </Typography.Text>
            <Typography.Text type={list.length ? undefined : 'secondary'}>
              {list.length ? list.map((i) => `${i.start}–${i.end}`).join(t('common.listSeparator')) : t('community.closed')}
            </Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}

/**
 * Opening hours per weekday with breaks: each day holds any number of intervals (e.g. 08:00–12:00
 * and 13:00–17:00 for a lunch break). A form control (value/onChange).
 */
export function DeskHoursEditor({ value, onChange }: { value?: DeskHours | null; onChange?: (value: DeskHours | null) => void }) {
  const { t } = useRegistryI18n();
  const { token } = theme.useToken();
  const weekly = value?.weekly ?? {};
  const setDay = (day: Day, list: Interval[]) => onChange?.({ weekly: { ...weekly, [day]: list } });

  return (
    <Flex vertical style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }} data-testid="desk-hours-editor">
      {DAYS.map(({ day, key }, index) => {
        const list = weekly[day] ?? [];
        return (
          <Flex
            key={day}
            gap={12}
            align="flex-start"
            wrap
            style={{ padding: '8px 12px', borderTop: index ? `1px solid ${token.colorBorderSecondary}` : undefined }}
          >
            <Typography.Text strong style={{ width: 48, flex: 'none', lineHeight: '36px' }}>
              {t(key)}
            </Typography.Text>
            <Flex vertical gap={6} style={{ flex: '1 1 220px' }}>
              {list.length === 0 ? <Typography.Text type="secondary" style={{ lineHeight: '36px' }}>{t('community.closed')}</Typography.Text> : null}
              {list.map((interval, i) => (
                <Flex key={i} gap={6} align="center">
                  <TimePicker.RangePicker
                    format={FORMAT}
                    minuteStep={5}
                    allowClear={false}
                    needConfirm={false}
                    value={[dayjs(interval.start, FORMAT), dayjs(interval.end, FORMAT)]}
                    onChange={(range) => {
                      if (!range?.[0] || !range[1]) return;
                      const next = [...list];
                      next[i] = { start: range[0].format(FORMAT), end: range[1].format(FORMAT) };
                      setDay(day, next);
                    }}
                    aria-label={t(key)}
                    style={{ maxWidth: 220 }}
                  />
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('community.removeInterval')}
                    onClick={() => setDay(day, list.filter((_, j) => j !== i))}
                  />
                </Flex>
              ))}
            </Flex>
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginTop: 6 }}
              onClick={() => {
                const last = list[list.length - 1];
                const start = last ? last.end : '08:00';
                const end = dayjs(start, FORMAT).add(4, 'hour');
                setDay(day, [...list, { start, end: end.isAfter(dayjs('23:55', FORMAT)) ? '23:55' : end.format(FORMAT) }]);
              }}
            >
              {t('community.addInterval')}
            </Button>
          </Flex>
        );
      })}
    </Flex>
  );
}
