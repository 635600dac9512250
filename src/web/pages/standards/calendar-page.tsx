import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Calendar,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Row,
  Space,
  Tabs,
  Tag,
  TimePicker,
  Typography,
  theme,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import {
  WEEKDAY_KEYS,
  useCalendar,
  useSaveCalendar,
  type CalendarYear,
  type EffectiveCalendar,
  type OpeningInterval,
  type WeekdayKey,
} from '../../api/standards';
import { usePageTitle } from '../../shared/use-document-title';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages';
import { ScopeSelect } from './scope-select';
import { useStandardsScope } from './use-standards-scope';

type WeeklyHours = Partial<Record<WeekdayKey, OpeningInterval[]>>;
const DATE = 'YYYY-MM-DD';

const WEEKDAY_LABELS: Record<WeekdayKey, MessageKey> = {
  mon: 'calendar.weekday.mon',
  tue: 'calendar.weekday.tue',
  wed: 'calendar.weekday.wed',
  thu: 'calendar.weekday.thu',
  fri: 'calendar.weekday.fri',
  sat: 'calendar.weekday.sat',
  sun: 'calendar.weekday.sun',
};

// dayjs().day(): 0 = Sunday.
const WEEKDAY_OF_DAY: WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function hoursText(intervals: OpeningInterval[] | undefined, rest: string): string {
  return intervals?.length ? intervals.map((i) => `${i.start}–${i.end}`).join('、') : rest;
}

/**
 * The business calendar of the company or a community: weekly hours (a community's are its desk
 * hours, kept in the registry), holidays and make-up working days per year, and for a community
 * a month view of the calendar its timers run on.
 */
export function CalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  usePageTitle('calendar.title');
  const scope = useStandardsScope();
  const { data, error, isPending, refetch } = useCalendar(scope.communityId);
  const save = useSaveCalendar();
  const canEdit = data?.allowedActions.includes('edit') ?? false;
  const isCommunity = scope.communityId !== null;

  // Edited copies; a year enters `years` once it is changed, so untouched years stay inherited.
  const [years, setYears] = useState<Record<string, CalendarYear>>({});
  const [weekly, setWeekly] = useState<WeeklyHours | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const thisYear = String(dayjs().year());
  const [activeYear, setActiveYear] = useState(thisYear);

  useEffect(() => {
    setYears(data?.settings?.years ?? {});
    setWeekly(data?.settings?.weeklyHours);
    setDirty(false);
    setFieldErrors({});
  }, [data]);

  const inherited = useMemo(() => data?.effective?.years ?? {}, [data]);
  const yearList = useMemo(() => {
    const all = new Set([thisYear, String(Number(thisYear) + 1), ...Object.keys(inherited), ...Object.keys(years)]);
    return [...all].sort();
  }, [thisYear, inherited, years]);

  const yearData = (year: string): CalendarYear => years[year] ?? inherited[year] ?? { holidays: [], makeUpDays: [] };
  const updateYear = (year: string, change: (y: CalendarYear) => CalendarYear) => {
    const current = yearData(year);
    setYears((prev) => ({ ...prev, [year]: change({ holidays: [...current.holidays], makeUpDays: [...current.makeUpDays] }) }));
    setDirty(true);
  };

  const submit = async () => {
    setFieldErrors({});
    try {
      await save.mutateAsync({
        communityId: scope.communityId,
        years,
        ...(isCommunity ? {} : weekly ? { weeklyHours: weekly } : {}),
        ...(data?.settings?.makeUpDayHours ? { makeUpDayHours: data.settings.makeUpDayHours } : {}),
      });
      message.success(t('calendar.saved'));
    } catch (cause) {
      if (cause instanceof ApiError) {
        setFieldErrors(cause.fields);
        message.error(cause.message);
      } else {
        message.error(String(cause));
      }
    }
  };

  const problems = Object.entries(fieldErrors);
  const effectiveWeekly = isCommunity ? data?.effective?.weeklyHours : weekly;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to={`/standards${scope.search}`}>{t('nav.standards')}</Link> }, { title: t('calendar.title') }]}
      />
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('calendar.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('calendar.description')}</Typography.Text>
        </div>
        <Space wrap>
          <ScopeSelect scope={scope} />
          {canEdit ? (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => void submit()}
              data-testid="save-calendar"
            >
              {t('calendar.save')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={error.message}
          action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
        />
      ) : null}
      {!canEdit && data ? <Alert type="info" showIcon title={t('calendar.readOnly')} /> : null}
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          title={t('calendar.problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map(([path, text]) => (
                <li key={path}>
                  {text} <Typography.Text type="secondary">({path})</Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('calendar.weeklyHours')} loading={isPending} style={{ height: '100%' }} data-testid="weekly-hours">
            {isCommunity ? (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('calendar.deskHoursHint', { community: scope.communityName ?? '' })} />
            ) : null}
            {!isCommunity && !weekly ? (
              <Typography.Paragraph type="secondary">{t('calendar.defaultHours')}</Typography.Paragraph>
            ) : null}
            {!isCommunity && canEdit ? (
              <WeeklyHoursEditor
                value={weekly}
                onChange={(next) => {
                  setWeekly(next);
                  setDirty(true);
                }}
              />
            ) : effectiveWeekly ? (
              <Descriptions
                column={1}
                size="small"
                bordered
                items={WEEKDAY_KEYS.map((day) => ({
                  key: day,
                  label: t(WEEKDAY_LABELS[day]),
                  children: hoursText(effectiveWeekly[day], t('calendar.restDay')),
                }))}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('calendar.yearDays')} loading={isPending} style={{ height: '100%' }} data-testid="year-days">
            <Tabs
              activeKey={activeYear}
              onChange={setActiveYear}
              items={yearList.map((year) => {
                const y = yearData(year);
                const own = Boolean(years[year]);
                return {
                  key: year,
                  label: year,
                  children: (
                    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                      {!own && (inherited[year] || !isCommunity) ? (
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {isCommunity ? t('calendar.inheritedYear') : t('calendar.defaultYear')}
                        </Typography.Text>
                      ) : null}
                      <DateList
                        testId={`holidays-${year}`}
                        title={t('calendar.holidays')}
                        color="red"
                        year={year}
                        dates={y.holidays}
                        editable={canEdit}
                        onAdd={(date) => updateYear(year, (c) => ({ ...c, holidays: [...c.holidays, date].sort() }))}
                        onRemove={(date) => updateYear(year, (c) => ({ ...c, holidays: c.holidays.filter((d) => d !== date) }))}
                        blocked={y.makeUpDays}
                      />
                      <DateList
                        testId={`makeup-${year}`}
                        title={t('calendar.makeUpDays')}
                        color="blue"
                        year={year}
                        dates={y.makeUpDays}
                        editable={canEdit}
                        onAdd={(date) => updateYear(year, (c) => ({ ...c, makeUpDays: [...c.makeUpDays, date].sort() }))}
                        onRemove={(date) => updateYear(year, (c) => ({ ...c, makeUpDays: c.makeUpDays.filter((d) => d !== date) }))}
                        blocked={y.holidays}
                      />
                    </Space>
                  ),
                };
              })}
            />
          </Card>
        </Col>
      </Row>
      {isCommunity && data?.effective ? <EffectivePreview calendar={data.effective} years={{ ...inherited, ...years }} /> : null}
    </Space>
  );
}

/** Dates of one kind in one year as tags, with a date picker to add and a cross to remove. */
function DateList(props: {
  testId: string;
  title: string;
  color: string;
  year: string;
  dates: string[];
  blocked: string[];
  editable: boolean;
  onAdd: (date: string) => void;
  onRemove: (date: string) => void;
}) {
  const { t } = useI18n();
  const { year, dates } = props;
  return (
    <div data-testid={props.testId}>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {props.title} <Typography.Text type="secondary">({dates.length})</Typography.Text>
        </Typography.Text>
        {props.editable ? (
          <DatePicker
            size="small"
            placeholder={t('calendar.addDate')}
            aria-label={`${props.title} ${t('calendar.addDate')}`}
            value={null}
            defaultPickerValue={dayjs(`${year}-01-01`)}
            disabledDate={(d) => String(d.year()) !== year || dates.includes(d.format(DATE)) || props.blocked.includes(d.format(DATE))}
            onChange={(d: Dayjs | null) => (d ? props.onAdd(d.format(DATE)) : undefined)}
            suffixIcon={<PlusOutlined />}
            style={{ width: 150 }}
          />
        ) : null}
      </Flex>
      {dates.length ? (
        <Flex wrap gap={6}>
          {dates.map((date) => (
            <Tag
              key={date}
              color={props.color}
              style={{ marginInlineEnd: 0 }}
              closable={props.editable ? { 'aria-label': t('calendar.removeDate', { date }) } : false}
              onClose={(event) => {
                event.preventDefault();
                props.onRemove(date);
              }}
            >
              {dayjs(date).format(t('calendar.dateFormat'))}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('calendar.noDates')}</Typography.Text>
      )}
    </div>
  );
}

/** Opening intervals per weekday, each a time range with add and remove buttons. */
function WeeklyHoursEditor({ value, onChange }: { value: WeeklyHours | undefined; onChange: (next: WeeklyHours) => void }) {
  const { t } = useI18n();
  const hours = value ?? {};
  const set = (day: WeekdayKey, intervals: OpeningInterval[]) => onChange({ ...hours, [day]: intervals });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {WEEKDAY_KEYS.map((day) => {
        const intervals = hours[day] ?? [];
        return (
          <Flex key={day} gap={8} align="flex-start" wrap>
            <Typography.Text style={{ width: 48, lineHeight: '32px' }}>{t(WEEKDAY_LABELS[day])}</Typography.Text>
            <Space orientation="vertical" size={4} style={{ flex: 1, minWidth: 200 }}>
              {intervals.length === 0 ? (
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {t('calendar.restDay')}
                </Typography.Text>
              ) : null}
              {intervals.map((interval, i) => (
                <Space key={i} size={4}>
                  <TimePicker.RangePicker
                    size="small"
                    format="HH:mm"
                    minuteStep={5}
                    allowClear={false}
                    value={[dayjs(`2000-01-01T${interval.start}`), dayjs(`2000-01-01T${interval.end}`)]}
                    onChange={(range) => {
                      if (!range?.[0] || !range[1]) return;
                      const next = [...intervals];
                      next[i] = { start: range[0].format('HH:mm'), end: range[1].format('HH:mm') };
                      set(day, next);
                    }}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('calendar.removeInterval')}
                    onClick={() => set(day, intervals.filter((_, j) => j !== i))}
                  />
                </Space>
              ))}
            </Space>
            <Button
              size="small"
              icon={<PlusOutlined />}
              aria-label={t('calendar.addInterval')}
              onClick={() => set(day, [...intervals, { start: '08:00', end: '17:00' }])}
            />
          </Flex>
        );
      })}
    </Space>
  );
}

/** A month view of the community's effective calendar: holidays, make-up days and rest days. */
function EffectivePreview({ calendar, years }: { calendar: EffectiveCalendar; years: Record<string, CalendarYear> }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const kindOf = (d: Dayjs): 'holiday' | 'makeUp' | 'rest' | 'work' => {
    const date = d.format(DATE);
    const year = years[String(d.year())];
    if (year?.holidays.includes(date)) return 'holiday';
    if (year?.makeUpDays.includes(date)) return 'makeUp';
    return calendar.weeklyHours[WEEKDAY_OF_DAY[d.day()]!]?.length ? 'work' : 'rest';
  };
  const styles = {
    holiday: { background: token.colorErrorBg, color: token.colorError },
    makeUp: { background: token.colorInfoBg, color: token.colorInfo },
    rest: { background: token.colorFillTertiary, color: token.colorTextTertiary },
    work: {},
  };
  const marks = { holiday: t('calendar.mark.holiday'), makeUp: t('calendar.mark.makeUp'), rest: '', work: '' };
  return (
    <Card title={t('calendar.preview')} data-testid="calendar-preview">
      <Row gutter={[24, 16]}>
        <Col xs={24} md={10}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'zone', label: t('calendar.timeZone'), children: calendar.timeZone },
              ...WEEKDAY_KEYS.map((day) => ({
                key: day,
                label: t(WEEKDAY_LABELS[day]),
                children: hoursText(calendar.weeklyHours[day], t('calendar.restDay')),
              })),
            ]}
          />
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Tag color="red">{t('calendar.mark.holiday')} = {t('calendar.holidays')}</Tag>
            <Tag color="blue">{t('calendar.mark.makeUp')} = {t('calendar.makeUpDays')}</Tag>
            <Tag>{t('calendar.restDay')}</Tag>
          </Flex>
        </Col>
        <Col xs={24} md={14}>
          <Calendar
            fullscreen={false}
            fullCellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const kind = kindOf(d);
              return (
                <div
                  className="ant-picker-cell-inner"
                  style={{ ...styles[kind], borderRadius: 4, minWidth: 28, position: 'relative', fontSize: 12 }}
                  title={marks[kind] || undefined}
                >
                  {d.date()}
                  {marks[kind] ? <sup style={{ fontSize: 9, marginInlineStart: 1 }}>{marks[kind]}</sup> : null}
                </div>
              );
            }}
          />
        </Col>
      </Row>
      {Object.keys(years).length === 0 ? <Empty description={t('calendar.noDates')} /> : null}
    </Card>
  );
}
